import type { Asset } from '../../../client/index.js';
import type { SlotSettings } from '../url/overlay-config.js';

/** How the link to OBS is doing, in the words the status dot shows. */
export type SceneSyncStatus =
  /** The URL names no OBS (`#obs=` absent): assets show on the page only. */
  | { readonly state: 'off' }
  | { readonly state: 'connecting'; readonly attempt: number }
  | {
      readonly state: 'connected';
      readonly scene: string;
      readonly inputKind: 'browser_source' | 'image_source';
    }
  /** Why it is not connected, for people ("wrong OBS password", "OBS is not running at ws://…"), and when it tries again. */
  | { readonly state: 'error'; readonly message: string; readonly retryInMs: number | null };

/**
 * Keeps one input per slot in the target OBS scene showing the latest public asset of that slot.
 * The page calls it as assets become public or go away; it owns connecting, reconnecting and
 * catching OBS up (latest per slot) when OBS comes back.
 */
export interface SceneSync {
  /** `asset` is now the latest public asset of `slot`: put it in the slot's input (now, or once OBS is back). */
  show(slot: SlotSettings, asset: Asset): void;
  /** `assetId` is hidden or deleted: a slot showing it is emptied. */
  remove(assetId: string): void;
  /** Calls `listener` with each status, starting with the current one; returns the unsubscribe. */
  onStatus(listener: (status: SceneSyncStatus) => void): () => void;
  /** Disconnects for good. */
  close(): void;
}

/** The input a slot owns in OBS, named so a streamer recognises it in their sources list. */
export const inputNameFor = (slot: Pick<SlotSettings, 'name'>) => `Streamer Studio · ${slot.name}`;
