import { describe, expect, it } from 'vitest';
import {
  advance,
  emptySlotQueue,
  enqueue,
  nextChange,
  remove,
  type SlotQueue,
  type SlotTiming,
} from './slot-queue.js';

interface Item {
  readonly id: string;
  readonly version?: number;
}

const timed: SlotTiming = { showMs: 8000, exitMs: 500, minShowMs: 3000 };
const stays: SlotTiming = { showMs: null, exitMs: 500, minShowMs: 3000 };

const fill = (ids: string[], at: number, timing: SlotTiming) =>
  ids.reduce((queue, id) => enqueue(queue, { id }, at, timing), emptySlotQueue<Item>());

const view = (queue: SlotQueue<Item>) => ({
  showing: queue.showing && `${queue.showing.item.id}:${queue.showing.phase}`,
  waiting: queue.waiting.map((item) => item.id),
});

describe('a slot queue', () => {
  it('shows an item on an empty slot at once', () => {
    const queue = fill(['a'], 1000, timed);
    expect(queue.showing).toEqual({ item: { id: 'a' }, phase: 'in', shownAt: 1000 });
    expect(nextChange(queue, timed)).toBe(9000);
  });

  it('plays a burst one after another, each for its full time and exit, never two at once', () => {
    let queue = fill(['a', 'b', 'c'], 0, timed);
    expect(view(queue)).toEqual({ showing: 'a:in', waiting: ['b', 'c'] });
    const steps: [number, string | null][] = [];
    for (let due = nextChange(queue, timed); due !== null; due = nextChange(queue, timed)) {
      queue = advance(queue, due, timed);
      steps.push([due, view(queue).showing]);
    }
    expect(steps).toEqual([
      [8000, 'a:leaving'],
      [8500, 'b:in'],
      [16500, 'b:leaving'],
      [17000, 'c:in'],
      [25000, 'c:leaving'],
      [25500, null],
    ]);
  });

  it('changes nothing before the item is due', () => {
    const queue = fill(['a', 'b'], 0, timed);
    expect(advance(queue, 7999, timed)).toBe(queue);
  });

  it('gives every item its full exit and time after a late timer', () => {
    const queue = advance(fill(['a', 'b'], 0, timed), 60_000, timed);
    expect(queue.showing).toEqual({ item: { id: 'a' }, phase: 'leaving', shownAt: 0, leftAt: 60_000 });
    const next = advance(queue, 60_500, timed);
    expect(next.showing).toEqual({ item: { id: 'b' }, phase: 'in', shownAt: 60_500 });
  });

  it('keeps an item of a showSeconds 0 slot until the next arrives', () => {
    const queue = fill(['a'], 0, stays);
    expect(nextChange(queue, stays)).toBeNull();
    expect(advance(queue, 3_600_000, stays)).toBe(queue);
    const replaced = enqueue(queue, { id: 'b' }, 3_600_000, stays);
    expect(view(replaced)).toEqual({ showing: 'a:leaving', waiting: ['b'] });
    expect(view(advance(replaced, 3_600_500, stays))).toEqual({ showing: 'b:in', waiting: [] });
  });

  it('holds a showSeconds 0 item for the least time when the next follows at once', () => {
    const queue = fill(['a', 'b'], 0, stays);
    expect(view(queue)).toEqual({ showing: 'a:in', waiting: ['b'] });
    expect(nextChange(queue, stays)).toBe(3000);
    const later = advance(advance(queue, 3000, stays), 3500, stays);
    expect(view(later)).toEqual({ showing: 'b:in', waiting: [] });
    expect(nextChange(later, stays)).toBeNull();
  });

  it('replaces an item already showing or waiting where it stands, never showing it twice', () => {
    const queue = fill(['a', 'b'], 0, timed);
    const again = enqueue(
      enqueue(queue, { id: 'a', version: 2 }, 10, timed),
      { id: 'b', version: 2 },
      20,
      timed,
    );
    expect(again.showing).toEqual({ item: { id: 'a', version: 2 }, phase: 'in', shownAt: 0 });
    expect(again.waiting).toEqual([{ id: 'b', version: 2 }]);
  });

  it('removes the item on screen at once, without its exit, and brings on the next', () => {
    const queue = remove(fill(['a', 'b', 'c'], 0, timed), 'a', 100, timed);
    expect(queue.showing).toEqual({ item: { id: 'b' }, phase: 'in', shownAt: 100 });
    expect(queue.waiting).toEqual([{ id: 'c' }]);
    expect(nextChange(queue, timed)).toBe(8100);
  });

  it('removes a waiting item from its place, and one that is leaving at once', () => {
    const queue = fill(['a', 'b', 'c'], 0, timed);
    expect(view(remove(queue, 'b', 100, timed))).toEqual({ showing: 'a:in', waiting: ['c'] });
    const leaving = advance(queue, 8000, timed);
    expect(view(remove(leaving, 'a', 8100, timed))).toEqual({ showing: 'b:in', waiting: ['c'] });
  });

  it('is left as it was when the removed item is not in it', () => {
    const queue = fill(['a'], 0, timed);
    expect(remove(queue, 'z', 100, timed)).toBe(queue);
    expect(remove(emptySlotQueue<Item>(), 'z', 100, timed)).toEqual(emptySlotQueue());
  });
});
