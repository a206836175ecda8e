import { type AssetType, CATALOGUE, type Size } from '../../../server/catalogue/index.js';

/** A size as a streamer reads it: `112²` for a square, `1920×1080` otherwise. */
export function sizeText({ width, height }: Size): string {
  return width === height ? `${width}²` : `${width}×${height}`;
}

/** One line per asset type for a picker: `Emote · 112², 56², 28² · transparent`. */
export function assetTypeSummary(type: AssetType): string {
  const spec = CATALOGUE[type];
  const parts = [spec.label, spec.sizes.map(sizeText).join(', ')];
  if (spec.transparent) parts.push('transparent');
  return parts.join(' · ');
}
