import type { Asset } from '../../../client/index.js';

type AssetFile = Asset['files'][number];

/** `asset`'s files from smallest to largest: an emote's 28, 56 and 112 px. */
export const filesBySize = (asset: Asset): AssetFile[] =>
  [...asset.files].sort((a, b) => a.width * a.height - b.width * b.height);

/**
 * The file to show in a box of `width`×`height` CSS pixels: the smallest that fills it without
 * scaling up, else the largest there is. So an alert's one 600 px file, a 1920×1080 overlay.
 */
export function fileForBox(asset: Asset, width: number, height: number): AssetFile | undefined {
  const bySize = filesBySize(asset);
  return bySize.find((file) => file.width >= width || file.height >= height) ?? bySize.at(-1);
}
