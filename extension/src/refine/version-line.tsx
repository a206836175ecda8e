import type { Asset } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { fileForBox } from '../gallery/file-for-box.js';
import { AssetImage } from '../ui/asset-image.js';

/** The inside of a version's thumbnail, in CSS pixels: an emote's 56 px file fits as it is. */
const THUMB_BOX = 56;

export interface VersionLineProps {
  /** Oldest first. */
  readonly versions: readonly Asset[];
  /** The version shown: highlighted in the line. */
  readonly currentId: string;
  readonly onOpen: (assetId: string) => void;
}

/** Every version of an asset as a thumbnail, oldest first; the one shown is marked, a click opens another. */
export function VersionLine({ versions, currentId, onOpen }: VersionLineProps) {
  return (
    <ol class="version-line" aria-label="Versions">
      {versions.map((asset, index) => {
        const spec = CATALOGUE[asset.assetType];
        return (
          <li key={asset.id} data-version-id={asset.id}>
            <button
              type="button"
              class={spec.transparent ? 'version checker' : 'version'}
              aria-current={asset.id === currentId ? 'true' : undefined}
              aria-label={`Version ${index + 1}`}
              onClick={() => onOpen(asset.id)}
            >
              <AssetImage asset={asset} file={fileForBox(asset, THUMB_BOX)} maxWidth={THUMB_BOX} alt="" />
            </button>
            <span class="small muted">v{index + 1}</span>
          </li>
        );
      })}
    </ol>
  );
}
