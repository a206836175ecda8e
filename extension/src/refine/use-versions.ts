import { useEffect, useRef, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useStudioEvents } from '../studio/use-studio-events.js';

/** An asset's version line as it is now. */
export interface Versions {
  /** Oldest first; null until the server has answered. */
  readonly items: readonly Asset[] | null;
  readonly error: unknown;
  /** Takes a version out of the line (deleted from this view). */
  readonly drop: (assetId: string) => void;
}

/** `line` with `arrived` added where it belongs: a refinement of a version already in it, once. */
function withRefinement(line: readonly Asset[], arrived: Asset): readonly Asset[] {
  const belongs = line.some((asset) => asset.id === arrived.parentAssetId);
  if (!belongs || line.some((asset) => asset.id === arrived.id)) return line;
  return [...line, arrived];
}

/**
 * The version line of `assetId` (its first version and every refinement, oldest first), kept
 * live from the channel's events: a refinement of any version joins it, a deletion leaves it, a
 * hide is read again (the public URLs the thumbnail used stop working).
 */
export function useVersions(assetId: string): Versions {
  const { api } = useStudio();
  const [items, setItems] = useState<readonly Asset[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Refinements announced before the line is read: the read may have missed them.
  const early = useRef<Asset[]>([]);
  const replace = (changed: Asset) =>
    setItems((line) => line?.map((asset) => (asset.id === changed.id ? changed : asset)) ?? null);
  const drop = (gone: string) => setItems((line) => line?.filter((asset) => asset.id !== gone) ?? null);

  useEffect(() => {
    let stale = false;
    api.versions(assetId).then(
      (answer) => !stale && setItems(early.current.reduce(withRefinement, answer.items)),
      (failure: unknown) => !stale && setError(failure),
    );
    return () => {
      stale = true;
    };
  }, [api, assetId]);

  useStudioEvents((event) => {
    if (event.type === 'asset.created') {
      const arrived = event.data;
      early.current.push(arrived);
      setItems((line) => (line ? withRefinement(line, arrived) : line));
    } else if (event.type === 'asset.deleted') drop(event.data.id);
    else if (event.type === 'asset.updated') {
      const { id } = event.data;
      if ('files' in event.data) replace(event.data);
      else api.asset(id).then(replace, () => drop(id));
    }
  });
  return { items, error, drop };
}
