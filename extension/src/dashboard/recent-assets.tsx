import { AssetCard } from '../curate/asset-card.js';
import { ErrorLine } from '../ui/error-line.js';
import { errorText } from '../ui/error-text.js';
import { Notice } from '../ui/notice.js';
import { useRecentAssets } from './use-recent-assets.js';

export interface RecentAssetsProps {
  /** Jobs whose assets the view already shows under the job, so no asset appears twice. */
  readonly shownWithJobs: ReadonlySet<string>;
  /** What to suggest when there is nothing yet: generating above, or waiting for the broadcaster. */
  readonly emptyText: string;
}

/** The channel's latest assets to curate, live, with "More" while older ones remain. */
export function RecentAssets({ shownWithJobs, emptyText }: RecentAssetsProps) {
  const recent = useRecentAssets();
  if (recent.assets === null)
    return recent.error === null ? (
      <Notice title="Loading recent assets…" busy />
    ) : (
      <Notice title="Recent assets could not be loaded" tone="error">
        {errorText(recent.error)}
      </Notice>
    );
  if (recent.assets.length === 0) return <Notice title={emptyText} />;

  const shown = recent.assets.filter((asset) => !shownWithJobs.has(asset.jobId));
  return (
    <>
      {shown.length === 0 ? (
        <p class="small muted">The latest assets are shown with their jobs above.</p>
      ) : (
        <ul class="asset-grid" aria-label="Recent assets">
          {shown.map((asset) => (
            <li key={asset.id} class="card">
              <AssetCard asset={asset} onDeleted={recent.drop} />
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={recent.error} class="recent-error" />
      {recent.hasMore && (
        <button type="button" class="recent-more" disabled={recent.loadingMore} onClick={recent.more}>
          More
        </button>
      )}
    </>
  );
}
