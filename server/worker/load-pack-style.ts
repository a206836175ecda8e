import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { assets, jobs, packs } from '../db/schema.js';
import type { Job } from '../jobs/job.js';
import type { ReferenceImage } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';

/**
 * The style reference of a brand pack's later piece: the kept source of the pack's lead piece.
 * None for the lead itself, or when the lead's asset or its source is gone (the piece is then
 * made from the brand kit alone, rather than not at all).
 */
export async function loadPackStyle(
  db: Db,
  storage: StorageDriver,
  job: Pick<Job, 'channelId' | 'packId' | 'packPiece'>,
): Promise<ReferenceImage | undefined> {
  if (!job.packId) return undefined;
  const [pack] = await db
    .select({ pieces: packs.pieces })
    .from(packs)
    .where(and(eq(packs.channelId, job.channelId), eq(packs.id, job.packId)));
  const lead = pack?.pieces[0]?.key;
  if (!lead || lead === job.packPiece) return undefined;
  const [made] = await db
    .select({ sourceKey: assets.sourceKey, sourceContentType: assets.sourceContentType })
    .from(assets)
    .innerJoin(jobs, eq(jobs.id, assets.jobId))
    .where(and(eq(jobs.channelId, job.channelId), eq(jobs.packId, job.packId), eq(jobs.packPiece, lead)))
    .limit(1);
  if (!made?.sourceKey || !made.sourceContentType) return undefined;
  const data = await storage.read(made.sourceKey, 'private');
  return data ? { mimeType: made.sourceContentType, data } : undefined;
}
