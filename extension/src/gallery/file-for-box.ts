import type { Asset } from '../../../client/index.js';

type AssetFile = Asset['files'][number];

/**
 * The file to show in a square box of `box` CSS pixels: the largest that fits without scaling up
 * (an emote's 56×56 in a grid tile), else the smallest, scaled down (a banner's one file). So a
 * lazy-loaded image is fetched at about the size it is shown. `Infinity` picks the largest file.
 */
export function fileForBox(asset: Asset, box: number): AssetFile | undefined {
  const edge = (file: AssetFile) => Math.max(file.width, file.height);
  const bySize = [...asset.files].sort((a, b) => edge(b) - edge(a));
  return bySize.find((file) => edge(file) <= box) ?? bySize.at(-1);
}
