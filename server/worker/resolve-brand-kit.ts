import { type BrandKit, DEFAULT_BRAND_KIT } from '../brand/brand-kit.js';
import { getActiveBrandKit, getBrandKit } from '../brand/brand-kit-store.js';
import type { Db } from '../db/database.js';
import type { Job } from '../jobs/job.js';
import type { ReferenceImage } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';

/**
 * The brand a job is generated in: the kit it names, else its channel's active kit, else the
 * default; with the kit's id (null for the default) and its logo as a reference image when there is one.
 */
export async function resolveBrandKit(
  db: Db,
  storage: StorageDriver,
  job: Pick<Job, 'channelId' | 'brandKitId'>,
): Promise<{ brandKit: BrandKit; brandKitId: string | null; logo?: ReferenceImage }> {
  const record = job.brandKitId
    ? await getBrandKit(db, job.channelId, job.brandKitId)
    : await getActiveBrandKit(db, job.channelId);
  if (!record) return { brandKit: DEFAULT_BRAND_KIT, brandKitId: null };
  const { name, colors, fonts, tone, styleWords, logoDescription, logo } = record;
  const brandKit: BrandKit = {
    name,
    colors,
    fonts,
    tone,
    styleWords,
    ...(logoDescription ? { logoDescription } : {}),
  };
  const data = logo ? await storage.read(logo.storageKey, 'private') : null;
  const brandKitId = record.id;
  return logo && data
    ? { brandKit, brandKitId, logo: { mimeType: logo.contentType, data } }
    : { brandKit, brandKitId };
}
