import { getAsset } from '../assets/asset-store.js';
import type { Db } from '../db/database.js';
import { SourceMissingError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import type { ReferenceImage } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';

/**
 * The picture a refinement edits: its parent's kept source image, read from the private side.
 * `SourceMissingError` (final, not retried) when the parent, its source, or the file is gone.
 */
export async function loadParentSource(
  db: Db,
  storage: StorageDriver,
  job: Pick<Job, 'channelId' | 'parentAssetId'> & { parentAssetId: string },
): Promise<ReferenceImage> {
  const parent = await getAsset(db, job.channelId, job.parentAssetId);
  if (!parent) throw new SourceMissingError(job.parentAssetId, 'the asset to refine was deleted');
  if (!parent.source) throw new SourceMissingError(parent.id);
  const data = await storage.read(parent.source.storageKey, 'private');
  if (!data) throw new SourceMissingError(parent.id, 'the source image of the asset to refine is gone');
  return { mimeType: parent.source.contentType, data };
}
