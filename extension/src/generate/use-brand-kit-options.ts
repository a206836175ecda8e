import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BrandKit } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';

/** The channel's brand kits to pick from, asked again on `reload` (kits change in the config view). */
export function useBrandKitOptions(): { kits: readonly BrandKit[]; failed: boolean; reload: () => void } {
  const { api } = useStudio();
  const [kits, setKits] = useState<readonly BrandKit[]>([]);
  const [failed, setFailed] = useState(false);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let stale = false;
    api.brandKits().then(
      (answer) => {
        if (stale) return;
        setKits(answer.items);
        setFailed(false);
      },
      () => {
        if (!stale) setFailed(true);
      },
    );
    return () => {
      stale = true;
    };
  }, [api, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { kits, failed, reload };
}
