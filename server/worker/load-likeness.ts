import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { referenceImages } from '../db/schema.js';
import type { Job } from '../jobs/job.js';
import type { Logger } from '../logging/logger.js';
import type { ReferenceImage } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';

/**
 * The pictures of the subject a job sends as likeness references: its brand kit's own, then the
 * ones its request named, oldest first. One deleted after the job was queued is left out (and
 * logged): the job still makes sense without it, and a retry would not bring it back.
 */
export async function loadLikeness(
  db: Db,
  storage: StorageDriver,
  job: Pick<Job, 'id' | 'channelId' | 'referenceImageIds'>,
  brandKitId: string | null,
  logger: Logger,
): Promise<ReferenceImage[]> {
  const named = [...job.referenceImageIds];
  const wanted = [
    ...(brandKitId ? [eq(referenceImages.brandKitId, brandKitId)] : []),
    ...(named.length > 0 ? [inArray(referenceImages.id, named)] : []),
  ];
  if (wanted.length === 0) return [];
  const rows = await db
    .select()
    .from(referenceImages)
    .where(and(eq(referenceImages.channelId, job.channelId), or(...wanted)))
    .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id));
  const gone = named.filter((id) => !rows.some((row) => row.id === id));
  const images: ReferenceImage[] = [];
  for (const row of rows) {
    const data = await storage.read(row.storageKey, 'private');
    if (data) images.push({ mimeType: row.contentType, data });
    else gone.push(row.id);
  }
  if (gone.length > 0)
    logger.warn({ jobId: job.id, referenceImageIds: gone }, 'reference images gone; generating without them');
  return images;
}
