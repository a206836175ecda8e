import { useContext } from 'preact/hooks';
import { type Asset, StudioApiError } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { useStudio } from '../studio/studio-context.js';
import { ErrorLine } from '../ui/error-line.js';
import { useAction } from '../ui/use-action.js';
import { AssetPreviews } from './asset-previews.js';
import { AssetRefiner } from './asset-refiner.js';
import { DeleteControl } from './delete-control.js';
import { DownloadLink } from './download-link.js';
import { useLiveAsset } from './use-live-asset.js';
import './curate.css';

export interface AssetCardProps {
  readonly asset: Asset;
  /** Called once the asset is gone (deleted here, or found already deleted), so a list can drop it. */
  readonly onDeleted?: (assetId: string) => void;
}

/** One finished asset to curate: its previews, whether it is public, publish or hide, delete, download, refine. */
export function AssetCard(props: AssetCardProps) {
  const { api, capabilities } = useStudio();
  const { asset, setAsset, reread } = useLiveAsset(props.asset);
  const action = useAction();
  const openRefiner = useContext(AssetRefiner);
  if (!asset) return null;

  const can = capabilities.permissions;
  const isPublic = asset.visibility === 'public';
  const gone = () => {
    setAsset(null);
    props.onDeleted?.(asset.id);
  };
  const toggle = () =>
    action.run(async () => setAsset(await api.setVisibility(asset.id, isPublic ? 'private' : 'public')));
  const remove = () =>
    action.run(() =>
      api.deleteAsset(asset.id).then(gone, (error: unknown) => {
        // Already deleted (from another view): what the streamer asked for has happened.
        if (error instanceof StudioApiError && error.status === 404) return gone();
        throw error;
      }),
    );

  return (
    <article
      class="asset-card"
      data-asset-id={asset.id}
      aria-label={CATALOGUE[asset.assetType].label}
      // A preview that fails to load (images do not bubble errors, so listen while capturing) most
      // likely has an expired signed URL: a dashboard stays open for a whole stream.
      onErrorCapture={reread}
    >
      <AssetPreviews asset={asset} />
      <div class="asset-bar row">
        {/* A space after the word, so the card's text reads "Private Publish", not "PrivatePublish". */}
        <span class={`asset-visibility asset-${asset.visibility}`}>{isPublic ? 'Public' : 'Private'}</span>{' '}
        {can['asset.change_visibility'] && (
          <button
            type="button"
            class={isPublic ? undefined : 'primary'}
            disabled={action.busy}
            title={
              isPublic ? 'Take it out of the panel gallery' : 'Show it in the panel gallery and on stream'
            }
            onClick={toggle}
          >
            {isPublic ? 'Hide' : 'Publish'}
          </button>
        )}
        <DownloadLink asset={asset} />{' '}
        {openRefiner && can['job.create'] && (
          <button
            type="button"
            title="Change it by instruction; see its versions"
            onClick={() => openRefiner(asset)}
          >
            Refine
          </button>
        )}{' '}
        {can['asset.delete'] && <DeleteControl busy={action.busy} onConfirm={remove} />}
      </div>
      <ErrorLine error={action.error} class="asset-error" />
    </article>
  );
}
