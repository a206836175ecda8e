/** How long one slot shows each item, in milliseconds. */
export interface SlotTiming {
  /** Time on screen before it leaves; `null`: it stays until the next one arrives. */
  readonly showMs: number | null;
  /** How long the exit plays before the next item may enter. */
  readonly exitMs: number;
  /** Where `showMs` is `null`: the least time an item stays once another waits behind it. */
  readonly minShowMs: number;
}

/** The item on screen: entering and holding (`in`), or playing its exit (`leaving`). */
export type Showing<T> =
  | { readonly item: T; readonly phase: 'in'; readonly shownAt: number }
  | { readonly item: T; readonly phase: 'leaving'; readonly shownAt: number; readonly leftAt: number };

/** One slot's screen: at most one item showing, the rest waiting in arrival order. */
export interface SlotQueue<T extends { readonly id: string }> {
  readonly showing: Showing<T> | null;
  readonly waiting: readonly T[];
}

/** A slot with nothing on screen and nothing waiting. */
export const emptySlotQueue = <T extends { readonly id: string }>(): SlotQueue<T> => ({
  showing: null,
  waiting: [],
});

/** When the queue next changes by itself (an item starts leaving, or its exit ends); `null`: never. */
export function nextChange<T extends { readonly id: string }>(
  queue: SlotQueue<T>,
  timing: SlotTiming,
): number | null {
  const { showing } = queue;
  if (!showing) return null;
  if (showing.phase === 'leaving') return showing.leftAt + timing.exitMs;
  if (timing.showMs !== null) return showing.shownAt + timing.showMs;
  return queue.waiting.length > 0 ? showing.shownAt + timing.minShowMs : null;
}

/**
 * Brings the queue to `now`: the item due to leave starts its exit, one whose exit has ended makes
 * way for the next. Each step starts at `now`, not when it was due, so after a late timer (a hidden
 * browser source is throttled) every item still gets its full exit and its full time on screen.
 */
export function advance<T extends { readonly id: string }>(
  queue: SlotQueue<T>,
  now: number,
  timing: SlotTiming,
): SlotQueue<T> {
  let current = queue;
  for (let due = nextChange(current, timing); due !== null && due <= now; due = nextChange(current, timing)) {
    const showing = current.showing!;
    if (showing.phase === 'in') {
      current = { ...current, showing: { ...showing, phase: 'leaving', leftAt: now } };
      continue;
    }
    const [next, ...rest] = current.waiting;
    current = { showing: next ? { item: next, phase: 'in', shownAt: now } : null, waiting: rest };
  }
  return current;
}

/**
 * Adds `item` at `now`: it enters at once on an empty slot, else waits its turn. An item already
 * showing or waiting (the same id) is replaced where it stands, so it never shows twice.
 */
export function enqueue<T extends { readonly id: string }>(
  queue: SlotQueue<T>,
  item: T,
  now: number,
  timing: SlotTiming,
): SlotQueue<T> {
  const current = advance(queue, now, timing);
  if (current.showing?.item.id === item.id) return { ...current, showing: { ...current.showing, item } };
  if (current.waiting.some((waiting) => waiting.id === item.id))
    return {
      ...current,
      waiting: current.waiting.map((waiting) => (waiting.id === item.id ? item : waiting)),
    };
  if (!current.showing) return { showing: { item, phase: 'in', shownAt: now }, waiting: [] };
  return advance({ ...current, waiting: [...current.waiting, item] }, now, timing);
}

/**
 * Takes the item `id` out at `now`. One on screen goes at once, without its exit: it was hidden or
 * deleted, so it must not linger. The next waiting item enters in its place.
 */
export function remove<T extends { readonly id: string }>(
  queue: SlotQueue<T>,
  id: string,
  now: number,
  timing: SlotTiming,
): SlotQueue<T> {
  const current = advance(queue, now, timing);
  const waiting = current.waiting.filter((item) => item.id !== id);
  if (current.showing?.item.id !== id)
    return waiting.length === current.waiting.length ? current : { ...current, waiting };
  const [next, ...rest] = waiting;
  return { showing: next ? { item: next, phase: 'in', shownAt: now } : null, waiting: rest };
}
