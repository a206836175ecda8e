import type { Asset } from '../assets/asset.js';
import { clearAssetMove, lockAsset, pendingAssetMove, writeAssetVisibility } from '../assets/asset-store.js';
import { toAssetView } from '../assets/asset-view.js';
import type { Database, Db } from '../db/database.js';
import { NotFoundError } from '../errors/index.js';
import { appendEvent } from '../events/event-store.js';
import type { Logger } from '../logging/logger.js';
import type { StorageDriver } from '../storage/storage-driver.js';

export interface SettleDeps {
  readonly database: Database;
  readonly storage: StorageDriver;
  readonly logger: Logger;
}

/** The asset, locked, with the visibility change recorded for it (null when none is). */
async function lockWithMove(tx: Db, assetId: string) {
  const asset = await lockAsset(tx, null, assetId);
  return asset ? { asset, target: await pendingAssetMove(tx, asset.id) } : null;
}

/**
 * Finishes the visibility change recorded for an asset, in the order that never leaves a file
 * public while its row says private:
 * - publishing: the row says public first (its own transaction), then the files move;
 * - hiding: the files move first, and the row says private in the same transaction.
 * The move holds the asset's row lock, so two changes of one asset never interleave, and the
 * latest request recorded is the one carried out. A crash anywhere leaves the record, and running
 * this again finishes it (moves are idempotent). The event goes out once the files are in place.
 * Returns the asset as it now is, or null when it no longer exists.
 */
export async function settleAssetMove(deps: SettleDeps, assetId: string): Promise<Asset | null> {
  const { db } = deps.database;
  const before = await db.transaction(async (tx) => {
    const found = await lockWithMove(tx, assetId);
    if (found?.target === 'public' && found.asset.visibility === 'private')
      return { ...found, asset: await writeAssetVisibility(tx, found.asset, 'public') };
    return found;
  });
  if (!before?.target) return before?.asset ?? null;

  return db.transaction(async (tx) => {
    const found = await lockWithMove(tx, assetId);
    if (!found) return null;
    const { asset, target } = found;
    // Finished (or replaced by a newer change that finished) while this waited for the lock.
    if (!target) return asset;
    const from = target === 'public' ? 'private' : 'public';
    for (const file of asset.files) {
      try {
        await deps.storage.move(file.storageKey, from, target);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        // Gone from both sides: nothing to move, and nothing a retry could bring back.
        deps.logger.warn({ assetId, storageKey: file.storageKey }, 'an asset file is missing from storage');
      }
    }
    const settled = asset.visibility === target ? asset : await writeAssetVisibility(tx, asset, target);
    await clearAssetMove(tx, asset.id);
    // Viewers learn of an asset going private too, so their gallery drops it.
    await appendEvent(tx, {
      channelId: asset.channelId,
      type: 'asset.updated',
      audience: 'public',
      data:
        target === 'public'
          ? await toAssetView(settled, deps.storage)
          : { id: asset.id, visibility: 'private' },
    });
    return settled;
  });
}
