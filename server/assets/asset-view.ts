import { z } from '@hono/zod-openapi';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { type Asset, VISIBILITIES } from './asset.js';

/** How long a private file's signed URL works. */
export const SIGNED_URL_TTL_SECONDS = 15 * 60;

export const AssetFileViewSchema = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    contentType: z.string(),
    url: z
      .string()
      .openapi({ description: 'Permanent for public assets; signed and short-lived for private ones.' }),
  })
  .openapi('AssetFile');

export const AssetViewSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    channelId: z.string(),
    assetType: z.enum(ASSET_TYPES),
    visibility: z.enum(VISIBILITIES),
    files: z.array(AssetFileViewSchema),
    createdAt: z.string(),
  })
  .openapi('Asset');

export type AssetView = z.infer<typeof AssetViewSchema>;

/** The API's JSON for an asset, with a URL for every file. */
export async function toAssetView(asset: Asset, storage: StorageDriver): Promise<AssetView> {
  const files = await Promise.all(
    asset.files.map(async ({ storageKey, ...file }) => ({
      ...file,
      url:
        asset.visibility === 'public'
          ? storage.publicUrl(storageKey)
          : await storage.signedUrl(storageKey, 'private', SIGNED_URL_TTL_SECONDS),
    })),
  );
  return {
    id: asset.id,
    jobId: asset.jobId,
    channelId: asset.channelId,
    assetType: asset.assetType,
    visibility: asset.visibility,
    files,
    createdAt: asset.createdAt.toISOString(),
  };
}
