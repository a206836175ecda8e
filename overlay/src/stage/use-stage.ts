import { useLayoutEffect, useMemo, useReducer } from 'preact/hooks';
import type { Asset, Clock } from '../../../client/index.js';
import type { SlotSettings } from '../url/overlay-config.js';
import { slotTiming } from './entrance-motion.js';
import { advance, emptySlotQueue, enqueue, nextChange, remove, type SlotQueue } from './slot-queue.js';

/** Every slot's queue, by slot name. */
export type StageQueues = Readonly<Record<string, SlotQueue<Asset>>>;

type StageAction =
  | { readonly type: 'show'; readonly slot: string; readonly asset: Asset; readonly now: number }
  | { readonly type: 'remove'; readonly assetId: string; readonly now: number }
  | { readonly type: 'advance'; readonly now: number };

/** What the page does to the stage as events arrive. */
export interface StageControls {
  show(slot: SlotSettings, asset: Asset): void;
  remove(assetId: string): void;
}

function reducerFor(slots: readonly SlotSettings[]) {
  const timings = new Map(slots.map((slot) => [slot.name, slotTiming(slot)]));
  return (queues: StageQueues, action: StageAction): StageQueues => {
    const next: Record<string, SlotQueue<Asset>> = {};
    for (const [name, timing] of timings) {
      const queue = queues[name] ?? emptySlotQueue<Asset>();
      if (action.type === 'show')
        next[name] = name === action.slot ? enqueue(queue, action.asset, action.now, timing) : queue;
      else if (action.type === 'remove') next[name] = remove(queue, action.assetId, action.now, timing);
      else next[name] = advance(queue, action.now, timing);
    }
    return Object.keys(next).every((name) => next[name] === queues[name]) ? queues : next;
  };
}

/**
 * The slots' queues over time: `show` and `remove` change them now, and one timer on `clock`
 * wakes the stage when the earliest slot is next due to move on.
 */
export function useStage(slots: readonly SlotSettings[], clock: Clock): [StageQueues, StageControls] {
  const reducer = useMemo(() => reducerFor(slots), [slots]);
  const [queues, dispatch] = useReducer(reducer, {});

  // Set as the queues commit, not after paint, so the wait is measured from the change itself.
  useLayoutEffect(() => {
    const due = slots
      .map((slot) => (queues[slot.name] ? nextChange(queues[slot.name]!, slotTiming(slot)) : null))
      .filter((at) => at !== null);
    if (due.length === 0) return;
    const at = Math.min(...due);
    // A browser timer may fire a little before `at` by the page's clock; advancing to `now` then
    // would change nothing, and no change means no render to set the next timer: the stage would stall.
    const timer = clock.setTimeout(
      () => dispatch({ type: 'advance', now: Math.max(clock.now(), at) }),
      Math.max(0, at - clock.now()),
    );
    return () => clock.clearTimeout(timer);
  }, [queues, slots, clock]);

  const controls = useMemo<StageControls>(
    () => ({
      show: (slot, asset) => dispatch({ type: 'show', slot: slot.name, asset, now: clock.now() }),
      remove: (assetId) => dispatch({ type: 'remove', assetId, now: clock.now() }),
    }),
    [clock],
  );
  return [queues, controls];
}
