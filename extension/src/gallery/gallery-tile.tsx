import type { Asset } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { AssetImage } from '../ui/asset-image.js';
import { fileForBox } from './file-for-box.js';

/** The inside of a grid tile in CSS pixels (a third of the 318 px panel, less gaps and padding). */
export const TILE_BOX = 80;

export interface GalleryTileProps {
  readonly asset: Asset;
  readonly onOpen: (assetId: string) => void;
}

/** One thumbnail of the grid, a button that opens the asset's detail; its type shows on hover. */
export function GalleryTile({ asset, onOpen }: GalleryTileProps) {
  const spec = CATALOGUE[asset.assetType];
  return (
    <li data-asset-id={asset.id}>
      <button
        type="button"
        class={spec.transparent ? 'tile checker' : 'tile'}
        title={spec.label}
        onClick={() => onOpen(asset.id)}
      >
        <AssetImage asset={asset} file={fileForBox(asset, TILE_BOX)} maxWidth={TILE_BOX} alt={spec.label} />
      </button>
    </li>
  );
}
