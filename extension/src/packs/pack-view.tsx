import { useStudio } from '../studio/studio-context.js';
import { SignedDownload } from '../ui/signed-download.js';
import { PackPieceTile } from './pack-piece-tile.js';
import type { Pack } from './pack-types.js';

const STATUS_TEXT: Record<Pack['status'], string> = {
  running: 'Making',
  completed: 'Done',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
};

/** Why a pack ended early, in a sentence: out of budget, or its first piece failed. */
function stopReason(pack: Pack): string | null {
  if (pack.status === 'cancelled') return 'Cancelled; the finished pieces are kept.';
  if (!pack.stopCode) return null;
  const why = pack.stopCode === 'BUDGET_EXHAUSTED' ? 'Out of budget' : 'It stopped';
  return `${why}: ${pack.stopMessage || pack.stopCode}. The finished pieces are kept.`;
}

export interface PackViewProps {
  readonly pack: Pack;
  readonly busy: boolean;
  readonly onCancel: () => void;
}

/** A pack's pieces filling in as they are made, with Cancel while it runs and Download once something is done. */
export function PackView({ pack, busy, onCancel }: PackViewProps) {
  const { api, capabilities } = useStudio();
  const done = pack.pieces.filter((piece) => piece.status === 'completed').length;
  const reason = stopReason(pack);
  return (
    <div class="pack card" data-pack-id={pack.id} data-status={pack.status}>
      <div class="pack-head row">
        <span class="job-status">{STATUS_TEXT[pack.status]}</span>
        <span class="small muted">
          {done} of {pack.pieces.length} pieces made
        </span>
        {pack.status === 'running' && capabilities.permissions['job.cancel'] && (
          <button type="button" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        )}
        {done > 0 && capabilities.permissions['asset.read_private'] && (
          <SignedDownload
            key={`${pack.id}-${done}`}
            class="pack-download"
            label="Download pack"
            fetchLink={() => api.packDownloadLink(pack.id)}
          />
        )}
      </div>
      {reason && (
        <p class="small pack-stop" role="status">
          {reason}
        </p>
      )}
      <ul class="pack-pieces" aria-label="Pack pieces">
        {pack.pieces.map((piece) => (
          <PackPieceTile key={piece.key} piece={piece} />
        ))}
      </ul>
    </div>
  );
}
