import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Asset, StudioStreamEvent } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';
import {
  type AssetFilter,
  appendPage,
  applyAssetEvent,
  EMPTY_LIST,
  type GalleryList,
} from './gallery-list.js';
import { type GalleryQuery, galleryPages } from './gallery-pages.js';

export interface Gallery {
  readonly status: 'loading' | 'ready' | 'failed';
  readonly items: readonly Asset[];
  readonly hasMore: boolean;
  /** Why the first page failed (`status: 'failed'`), or why "More" did. */
  readonly error: unknown;
  readonly loadingMore: boolean;
  /** Appends the next page. */
  readonly more: () => void;
  /** Loads the first page again after a failure. */
  readonly retry: () => void;
}

/**
 * The channel's assets, newest first, a page at a time, kept current from the live stream without
 * reloading. Starts again from the first page when the filters change. Only assets the filters
 * accept are ever shown, whatever a page or an event carries.
 */
export function useGallery({ visibility, assetType }: GalleryQuery = {}): Gallery {
  const { api, capabilities, channelId } = useStudio();
  const load = useMemo(
    () => galleryPages({ api, capabilities, channelId }, { visibility, assetType }),
    [api, capabilities.role, channelId, visibility, assetType],
  );
  const [list, setList] = useState<GalleryList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Events that arrive while the first page loads, applied once it is here (they may be newer than it).
  const early = useRef<StudioStreamEvent[] | null>(null);
  // Bumped by each new first page, so an answer for old filters is dropped.
  const generation = useRef(0);
  const accepts: AssetFilter = useMemo(
    () => (asset) =>
      (!visibility || asset.visibility === visibility) && (!assetType || asset.assetType === assetType),
    [visibility, assetType],
  );

  useEffect(() => {
    const run = ++generation.current;
    setList(null);
    setError(null);
    setLoadingMore(false);
    early.current = [];
    load().then(
      (page) => {
        if (run !== generation.current) return;
        const events = early.current ?? [];
        early.current = null;
        setList(
          events.reduce(
            (next, event) => applyAssetEvent(next, event, accepts),
            appendPage(EMPTY_LIST, page, accepts),
          ),
        );
      },
      (failure: unknown) => {
        if (run !== generation.current) return;
        early.current = null;
        setError(failure);
      },
    );
  }, [load, accepts, attempt]);

  useStudioEvents((event) => {
    if (early.current) early.current.push(event);
    else setList((shown) => shown && applyAssetEvent(shown, event, accepts));
  });

  const more = () => {
    const cursor = list?.nextCursor;
    if (!cursor || loadingMore) return;
    const run = generation.current;
    setLoadingMore(true);
    setError(null);
    load(cursor).then(
      (page) => {
        if (run !== generation.current) return;
        setList((shown) => shown && appendPage(shown, page, accepts));
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (run !== generation.current) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  };

  return {
    status: list ? 'ready' : error ? 'failed' : 'loading',
    items: list?.items ?? [],
    hasMore: Boolean(list?.nextCursor),
    error,
    loadingMore,
    more,
    retry: () => setAttempt((n) => n + 1),
  };
}
