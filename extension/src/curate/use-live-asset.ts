import { useEffect, useRef, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';

/**
 * One asset as it is now: the given one, then whatever the channel's events or this view's own
 * calls say of it; null once deleted. A hide from elsewhere is followed by a fresh read, because
 * the event carries no files and the public URLs the asset had stop working.
 */
export function useLiveAsset(given: Asset): [Asset | null, (asset: Asset | null) => void] {
  const { api } = useStudio();
  const [asset, setAsset] = useState<Asset | null>(given);
  const current = useRef(asset);
  current.current = asset;
  useEffect(() => setAsset(given), [given]);

  useStudioEvents((event) => {
    if (event.type === 'asset.deleted' && event.data.id === given.id) setAsset(null);
    if (event.type !== 'asset.updated' || event.data.id !== given.id) return;
    if ('files' in event.data) setAsset(event.data);
    else if (current.current?.visibility === 'public') {
      setAsset({ ...current.current, visibility: 'private' });
      api.asset(given.id).then(setAsset, () => undefined);
    }
  });
  return [asset, setAsset];
}
