import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BrandKit } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { withoutKit, withSaved } from './brand-kit-list.js';

export type BrandKitsState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'ready'; readonly kits: readonly BrandKit[] };

/**
 * The channel's brand kits, loaded once and then kept in step with the editor's own saves and
 * deletes (kits change only here, so there is no event to follow).
 */
export function useBrandKits() {
  const { api } = useStudio();
  const [state, setState] = useState<BrandKitsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    setState({ status: 'loading' });
    api.brandKits().then(
      ({ items }) => {
        if (!stale) setState({ status: 'ready', kits: items });
      },
      (error: unknown) => {
        if (!stale) setState({ status: 'failed', error });
      },
    );
    return () => {
      stale = true;
    };
  }, [api, attempt]);

  const update = useCallback(
    (change: (kits: readonly BrandKit[]) => BrandKit[]) =>
      setState((now) => (now.status === 'ready' ? { status: 'ready', kits: change(now.kits) } : now)),
    [],
  );

  return {
    state,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
    saved: useCallback((kit: BrandKit) => update((kits) => withSaved(kits, kit)), [update]),
    removed: useCallback((id: string) => update((kits) => withoutKit(kits, id)), [update]),
  };
}
