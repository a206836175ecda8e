import type { Asset } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { sizeText } from '../generate/asset-type-summary.js';
import { AssetImage } from '../ui/asset-image.js';

/** Chat's own backgrounds, whatever the view's theme: where an emote or badge will really be seen. */
const BACKGROUNDS = [
  { name: 'dark', label: 'on dark' },
  { name: 'light', label: 'on light' },
] as const;

/**
 * Every file of an asset at its own pixel size (shrunk only when the view is narrower), on a dark
 * and a light tile for transparent types so the alpha shows; opaque types need only one tile.
 */
export function AssetPreviews({ asset }: { asset: Asset }) {
  const spec = CATALOGUE[asset.assetType];
  const backgrounds = spec.transparent ? BACKGROUNDS : BACKGROUNDS.slice(0, 1);
  return (
    <div class="asset-previews">
      {backgrounds.map((background) => (
        <div key={background.name} class={`asset-tile asset-tile-${background.name}`}>
          {asset.files.map((file) => (
            <figure key={`${file.width}x${file.height}`}>
              <AssetImage
                asset={asset}
                file={file}
                alt={`${spec.label} at ${file.width}×${file.height} ${background.label}`}
              />
              <figcaption>{sizeText(file)}</figcaption>
            </figure>
          ))}
        </div>
      ))}
    </div>
  );
}
