import { zipSync } from 'fflate';
import type { Asset } from '../assets/asset.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import type { Pack } from './pack.js';
import type { PackPiece } from './pack-plan-types.js';

/** A piece's file in the pack's zip, as Twitch's upload pages list sizes: `panel_about_320x160.png`. */
export const packFileName = (piece: Pick<PackPiece, 'key'>, file: { width: number; height: number }) =>
  `${piece.key}_${file.width}x${file.height}.png`;

/** The zip's own name: the start of the pack's id, so two downloads never collide. */
export const packZipName = (pack: Pick<Pack, 'id'>) => `brand-pack-${pack.id.slice(0, 8)}.zip`;

/** One finished piece: its plan entry and the asset it made. */
export interface FinishedPiece {
  readonly piece: PackPiece;
  readonly asset: Asset;
}

/**
 * Every file of every finished piece in one zip, in plan order, stored as they are (PNGs are
 * compressed already); null when a file is not where its row says (a visibility change moving it).
 */
export async function zipPack(
  pack: Pick<Pack, 'createdAt'>,
  finished: readonly FinishedPiece[],
  storage: StorageDriver,
): Promise<Uint8Array | null> {
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const { piece, asset } of finished)
    for (const file of asset.files) {
      const data = await storage.read(file.storageKey, asset.visibility);
      if (!data) return null;
      entries[packFileName(piece, file)] = [new Uint8Array(data), { level: 0, mtime: pack.createdAt }];
    }
  return zipSync(entries);
}
