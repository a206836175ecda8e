import { zipSync } from 'fflate';
import type { StorageDriver } from '../storage/storage-driver.js';
import type { Asset } from './asset.js';

/** A file's name in the zip, as the CLI names it and Twitch's upload pages list sizes: `emote-112x112.png`. */
export const fileNameInZip = (asset: Pick<Asset, 'assetType'>, file: { width: number; height: number }) =>
  `${asset.assetType}-${file.width}x${file.height}.png`;

/** The zip's own name: the type and the start of the asset's id, so two downloads never collide. */
export const zipNameOf = (asset: Pick<Asset, 'assetType' | 'id'>) =>
  `${asset.assetType}-${asset.id.slice(0, 8)}.zip`;

/**
 * Every file of an asset in one zip, stored as they are (PNGs are compressed already), or null when
 * a file is not where the row says: a visibility change moving it right now, or a delete.
 */
export async function zipAsset(asset: Asset, storage: StorageDriver): Promise<Uint8Array | null> {
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const file of asset.files) {
    const data = await storage.read(file.storageKey, asset.visibility);
    if (!data) return null;
    entries[fileNameInZip(asset, file)] = [new Uint8Array(data), { level: 0, mtime: asset.createdAt }];
  }
  return zipSync(entries);
}
