import type { Asset } from '../assets/asset.js';
import {
  deleteAsset as deleteAssetRow,
  getAsset,
  getPublicAsset,
  listAssets,
  lockAsset,
  pendingAssetMove,
  requestAssetMove,
  storedFilesOf,
} from '../assets/asset-store.js';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { AssetType } from '../catalogue/index.js';
import type { CursorPosition, Page } from '../db/cursor.js';
import { ForbiddenError, NotFoundError } from '../errors/index.js';
import { removeOrphans, settleAssetMove } from '../files/index.js';
import { authorize, can } from '../policy/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { Services } from './services.js';

const NO_SUCH_ASSET = 'no such asset on this channel';

/** The channel's gallery, newest first; callers who may not see private assets get public ones only. */
export function readAssets(
  services: Services,
  caller: Caller,
  query: {
    assetType?: AssetType | undefined;
    visibility?: Visibility | undefined;
    limit?: number | undefined;
    after?: CursorPosition | undefined;
  },
): Promise<Page<Asset>> {
  const publicOnly = seesPublicOnly(caller, query.visibility);
  return listAssets(services.database.db, caller.channelId, {
    ...query,
    visibility: publicOnly ? 'public' : query.visibility,
  });
}

/**
 * Whether `caller`'s gallery is the channel's public one (a viewer's is), for a list of
 * `visibility`: a viewer asking for private assets is refused, one who may not read assets at all too.
 */
export function seesPublicOnly(caller: Caller, visibility?: Visibility): boolean {
  authorize(caller, 'asset.read_public');
  if (can(caller, 'asset.read_private')) return false;
  if (visibility === 'private') throw new ForbiddenError('viewers see public assets only');
  return true;
}

/**
 * A channel's public gallery for anyone, newest first: what a viewer of the channel sees, the same
 * for all of them, so it needs no caller and may be cached by anyone.
 */
export function readPublicGallery(
  services: Services,
  channelId: string,
  query: {
    assetType?: AssetType | undefined;
    limit?: number | undefined;
    after?: CursorPosition | undefined;
  },
): Promise<Page<Asset>> {
  return listAssets(services.database.db, channelId, { ...query, visibility: 'public' });
}

/** A public asset of any channel, for anyone; null for a private or missing one alike. */
export function readPublicAsset(services: Services, id: string): Promise<Asset | null> {
  return getPublicAsset(services.database.db, id);
}

/** One asset of the channel (a private one only for callers who may see it). */
export async function readAsset(services: Services, caller: Caller, id: string): Promise<Asset> {
  authorize(caller, 'asset.read_public');
  const asset = await getAsset(services.database.db, caller.channelId, id, {
    publicOnly: !can(caller, 'asset.read_private'),
  });
  if (!asset) throw new NotFoundError(NO_SUCH_ASSET);
  return asset;
}

/**
 * Publishes or hides an asset. The change is recorded first, then its files are moved and the
 * row set; a crash anywhere leaves the record, which the reconciler finishes. Repeating the
 * request is safe, and the latest of two requests wins.
 */
export async function changeVisibility(
  services: Services,
  caller: Caller,
  id: string,
  visibility: Visibility,
): Promise<Asset> {
  authorize(caller, 'asset.change_visibility');
  const { db } = services.database;
  const current = await db.transaction(async (tx) => {
    const asset = await lockAsset(tx, caller.channelId, id);
    if (!asset) throw new NotFoundError(NO_SUCH_ASSET);
    if (asset.visibility === visibility && (await pendingAssetMove(tx, id)) === null) return asset;
    await requestAssetMove(tx, id, visibility);
    await recordAudit(tx, caller, visibility === 'public' ? 'asset.publish' : 'asset.hide', id);
    return null;
  });
  if (current) return current;
  const settled = await settleAssetMove(services, id);
  if (!settled) throw new NotFoundError(NO_SUCH_ASSET);
  return settled;
}

/**
 * Deletes an asset: its row goes and its files become orphans in one transaction, then the files
 * are removed. A crash in between leaves the orphans, which the reconciler removes.
 */
export async function deleteAsset(services: Services, caller: Caller, id: string): Promise<void> {
  authorize(caller, 'asset.delete');
  const asset = await services.database.db.transaction(async (tx) => {
    const deleted = await deleteAssetRow(tx, caller.channelId, id);
    if (!deleted) throw new NotFoundError(NO_SUCH_ASSET);
    await recordAudit(tx, caller, 'asset.delete', id, { assetType: deleted.assetType });
    return deleted;
  });
  await removeOrphans(services.database.db, services.storage, storedFilesOf(asset)).catch((err) =>
    services.logger.warn({ err, assetId: id }, 'removing deleted files failed; the reconciler will'),
  );
}
