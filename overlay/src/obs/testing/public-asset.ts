import type { Asset } from '../../../../client/index.js';

/** A finished public emote as the API returns it, with one file per size, largest first. */
export function publicAsset(id: string, overrides: Partial<Asset> = {}): Asset {
  return {
    id,
    jobId: `job-${id}`,
    channelId: '123456789',
    assetType: 'emote',
    visibility: 'public',
    files: [112, 56, 28].map((size) => ({
      width: size,
      height: size,
      bytes: size * 10,
      contentType: 'image/png',
      url: `https://studio.example/files/public/assets/${id}/${size}x${size}.png`,
    })),
    createdAt: '2025-05-01T18:30:12.000Z',
    parentAssetId: null,
    ...overrides,
  };
}
