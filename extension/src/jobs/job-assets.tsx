import { AssetCard } from '../curate/asset-card.js';
import { errorText } from '../ui/error-text.js';
import { useJobAssets } from './use-job-assets.js';

/** What a finished job made, each asset ready to curate. */
export function JobAssets({ jobId }: { jobId: string }) {
  const { assets, error, drop } = useJobAssets(jobId);
  if (error !== null) return <p class="small muted">{errorText(error)}</p>;
  if (!assets) return <p class="small muted">Loading the result…</p>;
  if (assets.length === 0) return <p class="small muted">Deleted.</p>;
  return (
    <div class="job-assets">
      {assets.map((asset) => (
        <AssetCard key={asset.id} asset={asset} onDeleted={drop} />
      ))}
    </div>
  );
}
