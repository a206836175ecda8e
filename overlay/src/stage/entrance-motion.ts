import type { Entrance } from '../../../manifest/overlay-slots.js';
import type { SlotSettings } from '../url/overlay-config.js';
import type { SlotTiming } from './slot-queue.js';

/** How long each entrance takes to come in and to go out, in ms; the stylesheet's animations run for these. */
export const ENTRANCE_MOTION: Record<Entrance, { readonly enterMs: number; readonly exitMs: number }> = {
  pop: { enterMs: 650, exitMs: 300 },
  card: { enterMs: 700, exitMs: 500 },
  fade: { enterMs: 900, exitMs: 700 },
};

/** An item of a slot that keeps it until the next is held at least this long, so a burst is seen. */
export const MIN_SHOW_MS = 3000;

/** The queue timing of `slot`: its showSeconds, and its entrance's exit. */
export function slotTiming(slot: Pick<SlotSettings, 'entrance' | 'showSeconds'>): SlotTiming {
  return {
    showMs: slot.showSeconds > 0 ? slot.showSeconds * 1000 : null,
    exitMs: ENTRANCE_MOTION[slot.entrance].exitMs,
    minShowMs: MIN_SHOW_MS,
  };
}
