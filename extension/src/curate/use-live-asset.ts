import { useEffect, useRef, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';

/** How often a card may read its asset again for fresh signed URLs: a missing file must not loop. */
export const REREAD_MS = 60_000;

/** An asset as it is now, a setter for this view's own changes, and a re-read for fresh file URLs. */
export interface LiveAsset {
  readonly asset: Asset | null;
  readonly setAsset: (asset: Asset | null) => void;
  /** Reads the asset again (at most once a minute): its private files' signed URLs expire. */
  readonly reread: () => void;
}

/**
 * One asset as it is now: the given one, then whatever the channel's events or this view's own
 * calls say of it; null once deleted. A hide from elsewhere is followed by a fresh read, because
 * the event carries no files and the public URLs the asset had stop working; if that read fails,
 * the asset shows as private without previews rather than with dead links.
 */
export function useLiveAsset(given: Asset): LiveAsset {
  const { api } = useStudio();
  const [asset, setAsset] = useState<Asset | null>(given);
  const current = useRef(asset);
  current.current = asset;
  const lastRead = useRef(Number.NEGATIVE_INFINITY);
  // A newer copy from the parent replaces ours; the first run must not, or it would undo a read
  // that answered before the effect ran.
  const adopted = useRef(given);
  useEffect(() => {
    if (adopted.current === given) return;
    adopted.current = given;
    setAsset(given);
  }, [given]);

  const read = (onFailure: () => void = () => undefined) => {
    lastRead.current = Date.now();
    api.asset(given.id).then(setAsset, onFailure);
  };
  const reread = () => {
    if (current.current && Date.now() - lastRead.current >= REREAD_MS) read();
  };

  useStudioEvents((event) => {
    if (event.type === 'asset.deleted' && event.data.id === given.id) setAsset(null);
    if (event.type !== 'asset.updated' || event.data.id !== given.id) return;
    if ('files' in event.data) setAsset(event.data);
    else if (current.current?.visibility === 'public') {
      // Not marked private before the read answers: a private asset's previews load from its
      // files' own URLs, and the public ones it still holds stopped working with the move.
      const hidden = { ...current.current, visibility: 'private' as const, files: [] };
      read(() => setAsset(hidden));
    }
  });
  return { asset, setAsset, reread };
}
