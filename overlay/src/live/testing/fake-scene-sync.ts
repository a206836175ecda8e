import type { Asset } from '../../../../client/index.js';
import type { SceneSync, SceneSyncStatus } from '../../obs/scene-sync.js';
import type { SlotSettings } from '../../url/overlay-config.js';

/** A SceneSync that records what the page hands it, and reports whatever status a test sets. */
export class FakeSceneSync implements SceneSync {
  readonly shown: { slot: string; assetId: string }[] = [];
  readonly removed: string[] = [];
  closed = false;
  private status: SceneSyncStatus;
  private readonly listeners = new Set<(status: SceneSyncStatus) => void>();

  constructor(status: SceneSyncStatus = { state: 'off' }) {
    this.status = status;
  }

  show(slot: SlotSettings, asset: Asset): void {
    this.shown.push({ slot: slot.name, assetId: asset.id });
  }

  remove(assetId: string): void {
    this.removed.push(assetId);
  }

  onStatus(listener: (status: SceneSyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
  }

  /** Reports `status` to the page, as OBS connecting, failing or coming back would. */
  report(status: SceneSyncStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
