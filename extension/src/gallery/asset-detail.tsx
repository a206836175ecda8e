import { useEffect, useRef } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { AssetImage } from '../ui/asset-image.js';
import { fileForBox } from './file-for-box.js';

/** How wide the detail shows the largest file: the panel less its margins. */
const DETAIL_WIDTH = 270;

export interface AssetDetailProps {
  readonly asset: Asset;
  readonly onClose: () => void;
}

/** A small modal dialog over the gallery: the asset's largest file and every size it comes in. */
export function AssetDetail({ asset, onClose }: AssetDetailProps) {
  const spec = CATALOGUE[asset.assetType];
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    // A modal dialog keeps focus inside and closes on Escape; focus returns to the tile that opened it.
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);

  return (
    <dialog ref={dialog} class="detail card" aria-label={spec.label} onClose={onClose}>
      <div class={spec.transparent ? 'detail-image checker' : 'detail-image'}>
        <AssetImage
          asset={asset}
          file={fileForBox(asset, Infinity)}
          maxWidth={DETAIL_WIDTH}
          alt={spec.label}
        />
      </div>
      <p class="detail-caption">
        <strong>{spec.label}</strong>
        <span class="muted small">
          {asset.files.map((file) => `${file.width}×${file.height}`).join(' · ')}
        </span>
      </p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
