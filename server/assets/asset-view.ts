import { z } from '@hono/zod-openapi';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import type { Asset } from './asset.js';

/** How long a private file's signed URL works. */
export const SIGNED_URL_TTL_SECONDS = 15 * 60;

export const AssetFileViewSchema = z
  .object({
    width: z.number().int().openapi({ example: 112, description: 'Pixels.' }),
    height: z.number().int().openapi({ example: 112, description: 'Pixels.' }),
    bytes: z.number().int().openapi({ example: 18342, description: 'Size of the file.' }),
    contentType: z.string().openapi({ example: 'image/png' }),
    url: z.string().openapi({
      example:
        'https://studio.example.com/files/public/assets/0f8fad5b-d9cb-469f-a165-70867728950e/112x112.png',
      description: 'Permanent for public assets; signed and short-lived for private ones.',
    }),
  })
  .openapi('AssetFile');

export const AssetViewSchema = z
  .object({
    id: z
      .string()
      .openapi({ example: '0f8fad5b-d9cb-469f-a165-70867728950e', description: 'The asset’s id.' }),
    jobId: z
      .string()
      .openapi({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', description: 'The job that made it.' }),
    channelId: z.string().openapi({ example: '123456789', description: 'The Twitch channel it belongs to.' }),
    assetType: z.enum(ASSET_TYPES).openapi({ example: 'emote' }),
    visibility: z.enum(VISIBILITIES).openapi({
      example: 'public',
      description:
        'Public assets are served to anyone and shown on stream; private ones only through signed URLs.',
    }),
    files: z
      .array(AssetFileViewSchema)
      .openapi({ description: 'Every size of the asset type, largest first.' }),
    createdAt: z.string().openapi({ example: '2025-05-01T18:30:12.000Z', description: 'ISO 8601, UTC.' }),
    parentAssetId: z.string().nullable().openapi({
      example: null,
      description:
        'The asset this one refines (POST /assets/:id/refine); null for a fresh generation, or once the parent is deleted.',
    }),
  })
  .openapi('Asset');

export type AssetView = z.infer<typeof AssetViewSchema>;

/** The API's JSON for an asset, with a URL for every file (never for its kept source, which stays private). */
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
    parentAssetId: asset.parentAssetId,
  };
}
