import { CATALOGUE } from '../../../server/catalogue/index.js';
import { fileForBox } from '../gallery/file-for-box.js';
import { STATUS_WORDS } from '../jobs/status-word.js';
import { AssetImage } from '../ui/asset-image.js';
import { isPieceActive, type PackPiece } from './pack-types.js';
import { usePieceAsset } from './use-piece-asset.js';

/** The inside of a piece's tile, in CSS pixels. */
const PIECE_BOX = 96;

/** One piece of a pack: its picture once made, else where it stands, with its title under it. */
export function PackPieceTile({ piece }: { readonly piece: PackPiece }) {
  const asset = usePieceAsset(piece.assetId);
  const transparent = CATALOGUE[piece.assetType].transparent;
  const word = piece.status === 'planned' ? 'Planned' : STATUS_WORDS[piece.status];
  return (
    <li class={`pack-piece pack-piece-${piece.status}`} data-piece-key={piece.key} data-status={piece.status}>
      <div class={asset && transparent ? 'pack-thumb checker' : 'pack-thumb'}>
        {asset ? (
          <AssetImage
            asset={asset}
            file={fileForBox(asset, PIECE_BOX)}
            maxWidth={PIECE_BOX}
            alt={piece.title}
          />
        ) : (
          <span class="small muted">
            {word}
            {piece.status === 'processing' && piece.progress !== undefined ? ` ${piece.progress}%` : ''}
          </span>
        )}
      </div>
      {isPieceActive(piece) ? (
        <div
          class="progress"
          role="progressbar"
          aria-label={`${piece.title} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={piece.progress ?? 0}
        >
          <span style={{ width: `${piece.progress ?? 0}%` }} />
        </div>
      ) : (
        // The bar's room kept, so the titles of a row stay in line whichever pieces are under way.
        <div class="pack-progress-room" />
      )}
      <span class="small pack-piece-title">{piece.title}</span>
    </li>
  );
}
