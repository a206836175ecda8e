import { useEffect, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';

/** A finished job's assets: null while they load; new ones and deletions follow the channel's events. */
export function useJobAssets(jobId: string) {
  const { api } = useStudio();
  const [assets, setAssets] = useState<readonly Asset[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const drop = (assetId: string) => setAssets((held) => held?.filter((a) => a.id !== assetId) ?? null);

  useEffect(() => {
    let stale = false;
    api.jobAssets(jobId).then(
      (answer) => !stale && setAssets(answer.items),
      (failure: unknown) => !stale && setError(failure),
    );
    return () => {
      stale = true;
    };
  }, [api, jobId]);

  useStudioEvents((event) => {
    if (event.type === 'asset.deleted') drop(event.data.id);
    if (event.type === 'asset.created' && event.data.jobId === jobId) {
      const created = event.data;
      setAssets((held) => (held?.some((a) => a.id === created.id) ? held : [...(held ?? []), created]));
    }
  });
  return { assets, error, drop };
}
