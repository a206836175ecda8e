import type { JobRunner } from '../worker/job-worker.js';

/**
 * Counts the worker's passes over the queue (give `record` to the worker as `afterClaimPass`),
 * so a test can say "nothing more was claimed" after the worker provably looked again, not after a sleep.
 */
export class ClaimPasses {
  #ended = 0;
  #waiters: { readonly count: number; readonly resolve: () => void }[] = [];

  /** The worker's `afterClaimPass` hook. */
  readonly record = (): void => {
    this.#ended += 1;
    const due = this.#waiters.filter((waiter) => waiter.count <= this.#ended);
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > this.#ended);
    for (const waiter of due) waiter.resolve();
  };

  /** Passes ended so far. */
  get ended(): number {
    return this.#ended;
  }

  /**
   * Wakes the worker and resolves once a pass that began after this call has ended. It wakes twice:
   * if a pass was already running, the first wake-up only asks for another after it; either way
   * the second pass to end from now on started after this call.
   */
  fresh(worker: JobRunner): Promise<void> {
    const done = new Promise<void>((resolve) => this.#waiters.push({ count: this.#ended + 2, resolve }));
    worker.wake();
    worker.wake();
    return done;
  }
}
