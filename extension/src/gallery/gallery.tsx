import { ErrorLine } from '../ui/error-line.js';
import './gallery.css';
import { useState } from 'preact/hooks';
import type { Visibility } from '../../../client/index.js';
import type { AssetType } from '../../../server/catalogue/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import { Notice } from '../ui/notice.js';
import { AssetDetail } from './asset-detail.js';
import { GalleryTile } from './gallery-tile.js';
import { TypeFilter } from './type-filter.js';
import { type Gallery as GalleryState, useGallery } from './use-gallery.js';

export interface GalleryProps {
  /** Show only assets of this visibility (the panel: `public`, what viewers see). */
  readonly visibility?: Visibility;
}

/** The channel's gallery: a filterable, paged grid of thumbnails that follows the live stream. */
export function Gallery({ visibility }: GalleryProps) {
  const [assetType, setAssetType] = useState<AssetType | ''>('');
  const gallery = useGallery({ visibility, assetType: assetType || undefined });
  const [openId, setOpenId] = useState<string | null>(null);
  // Looked up in the live list, so a detail whose asset is hidden or deleted closes with it.
  const open = gallery.items.find((asset) => asset.id === openId);

  return (
    <section class="gallery" aria-label="Gallery of assets">
      <div class="gallery-bar">
        <h2>Gallery</h2>
        <TypeFilter value={assetType} onChange={setAssetType} />
      </div>
      <GalleryBody gallery={gallery} filtered={assetType !== ''} onOpen={setOpenId} />
      {open && <AssetDetail asset={open} onClose={() => setOpenId(null)} />}
    </section>
  );
}

interface GalleryBodyProps {
  readonly gallery: GalleryState;
  readonly filtered: boolean;
  readonly onOpen: (assetId: string) => void;
}

function GalleryBody({ gallery, filtered, onOpen }: GalleryBodyProps) {
  const { capabilities } = useStudio();
  if (gallery.status === 'loading') return <Notice title="Loading the gallery…" busy />;
  if (gallery.status === 'failed')
    return (
      <div class="gallery-failed">
        <Notice title="The gallery could not load" tone="error">
          {errorText(gallery.error)}
        </Notice>
        <button type="button" onClick={gallery.retry}>
          Try again
        </button>
      </div>
    );
  if (gallery.items.length === 0)
    return (
      <Notice title="Nothing here yet">
        {filtered
          ? 'Nothing of this type has been published yet.'
          : capabilities.role === 'viewer'
            ? 'The streamer hasn’t published any assets yet.'
            : 'Publish an asset from the dashboard and it shows here for your viewers.'}
      </Notice>
    );
  return (
    <>
      <ul class="gallery-grid" aria-label="Gallery">
        {gallery.items.map((asset) => (
          <GalleryTile key={asset.id} asset={asset} onOpen={onOpen} />
        ))}
      </ul>
      <ErrorLine error={gallery.error} class="gallery-more-error" />
      {gallery.hasMore && (
        <button
          type="button"
          class="gallery-more"
          onClick={gallery.more}
          disabled={gallery.loadingMore}
          aria-busy={gallery.loadingMore}
        >
          More
        </button>
      )}
    </>
  );
}
