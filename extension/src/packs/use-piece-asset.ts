import { useEffect, useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';

/** The asset a finished piece made, read once its id is known; null until then (or when it cannot be read). */
export function usePieceAsset(assetId: string | undefined): Asset | null {
  const { api } = useStudio();
  const [asset, setAsset] = useState<Asset | null>(null);
  useEffect(() => {
    if (!assetId) return;
    let stale = false;
    api.asset(assetId).then(
      (read) => !stale && setAsset(read),
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [api, assetId]);
  return asset;
}
