import { useEffect, useRef, useState } from 'preact/hooks';
import type { Asset, Job } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { AssetCard } from '../curate/asset-card.js';
import { AssetRefiner } from '../curate/asset-refiner.js';
import { useStudioEvents } from '../studio/use-studio-events.js';
import { ErrorLine } from '../ui/error-line.js';
import { RefineForm } from './refine-form.js';
import { RefineProgress } from './refine-progress.js';
import { useFollowedJob } from './use-followed-job.js';
import { useVersions } from './use-versions.js';
import { VersionLine } from './version-line.js';
import './refine.css';

export interface RefineDialogProps {
  /** The version the streamer opened the dialog from. */
  readonly asset: Asset;
  readonly onClose: () => void;
  /** Each refinement queued here, for the view's own job list. */
  readonly onQueued?: (job: Job) => void;
}

/**
 * An asset's detail for refining, as a modal dialog: its version line, the version shown (to
 * curate like any card), an instruction to refine it by, and the refinement's progress; the new
 * version opens by itself once it is made.
 */
export function RefineDialog({ asset, onClose, onQueued }: RefineDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const versions = useVersions(asset.id);
  const followed = useFollowedJob();
  const [shownId, setShownId] = useState(asset.id);

  useEffect(() => {
    // Focus stays inside while open and returns to the Refine button that opened it.
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  useStudioEvents((event) => {
    if (event.type === 'asset.created' && event.data.jobId === followed.job?.id) setShownId(event.data.id);
  });

  const line = versions.items ?? [asset];
  const shown = line.find((version) => version.id === shownId) ?? line.at(-1);
  const queued = (job: Job) => {
    followed.follow(job);
    onQueued?.(job);
  };

  return (
    <dialog
      ref={dialog}
      class="refine card"
      aria-label={`Refine ${CATALOGUE[asset.assetType].label}`}
      onClose={onClose}
    >
      <div class="refine-head row">
        <h2>Refine</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <VersionLine versions={line} currentId={shown?.id ?? ''} onOpen={setShownId} />
      <ErrorLine error={versions.error} class="refine-error" />
      {shown ? (
        <>
          {/* No "Refine" on the card inside: this is where refining happens. */}
          <AssetRefiner.Provider value={null}>
            <AssetCard key={shown.id} asset={shown} onDeleted={versions.drop} />
          </AssetRefiner.Provider>
          <RefineForm assetId={shown.id} onQueued={queued} />
        </>
      ) : (
        <p class="small muted">Every version has been deleted.</p>
      )}
      {followed.job && <RefineProgress job={followed.job} />}
    </dialog>
  );
}
