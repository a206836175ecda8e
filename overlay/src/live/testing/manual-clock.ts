import type { Clock } from '../../../../client/index.js';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock tests move by hand: timers fire in time order as `advanceBy` passes them, never by
 * themselves. With `firesEarlyMs`, each fires that much before its time, as browser timers can.
 */
export class ManualClock implements Clock {
  constructor(private readonly firesEarlyMs = 0) {}

  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, Timer>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, ms - this.firesEarlyMs), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on by `ms`, firing each timer due on the way at its own time. */
  advanceBy(ms: number): void {
    const end = this.time + ms;
    for (let due = this.nextDue(end); due; due = this.nextDue(end)) {
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  /** When the earliest pending timer fires, if any. */
  get nextAt(): number | undefined {
    return this.nextDue(Number.POSITIVE_INFINITY)?.[1].at;
  }

  private nextDue(end: number): [number, Timer] | undefined {
    let first: [number, Timer] | undefined;
    for (const entry of this.timers)
      if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
    return first;
  }
}
