import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';
import { useAction } from '../ui/use-action.js';

/** The channel's latest assets, newest first, a page at a time. */
export interface RecentAssets {
  /** Null until the first page is in. */
  readonly assets: readonly Asset[] | null;
  readonly error: unknown;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly more: () => void;
  readonly drop: (assetId: string) => void;
}

const withoutDuplicates = (assets: readonly Asset[]) =>
  assets.filter((asset, i) => assets.findIndex((other) => other.id === asset.id) === i);

/**
 * The channel's latest assets, kept live: new ones arrive at the top from `asset.created`, deleted
 * ones leave; each card follows its own updates (see `useLiveAsset`).
 */
export function useRecentAssets(pageSize = 12): RecentAssets {
  const { api } = useStudio();
  const [assets, setAssets] = useState<readonly Asset[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const paging = useAction();

  useEffect(() => {
    let stale = false;
    api.assets({ limit: pageSize }).then(
      (page) => {
        if (stale) return;
        setAssets((live) => withoutDuplicates([...(live ?? []), ...page.items]));
        setCursor(page.nextCursor);
      },
      (failure: unknown) => !stale && setError(failure),
    );
    return () => {
      stale = true;
    };
  }, [api, pageSize]);

  const more = () => {
    if (cursor === null) return;
    paging.run(async () => {
      const page = await api.assets({ limit: pageSize, cursor });
      setAssets((held) => withoutDuplicates([...(held ?? []), ...page.items]));
      setCursor(page.nextCursor);
    });
  };
  const drop = useCallback(
    (assetId: string) => setAssets((held) => held?.filter((asset) => asset.id !== assetId) ?? null),
    [],
  );

  useStudioEvents((event) => {
    if (event.type === 'asset.deleted') drop(event.data.id);
    if (event.type === 'asset.created') {
      const created = event.data;
      setAssets((held) => withoutDuplicates([created, ...(held ?? [])]));
    }
  });

  return {
    assets,
    error: error ?? paging.error,
    hasMore: cursor !== null,
    loadingMore: paging.busy,
    more,
    drop,
  };
}
