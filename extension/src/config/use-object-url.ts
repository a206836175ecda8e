import { useEffect, useMemo } from 'preact/hooks';

/**
 * A `blob:` URL for showing `blob` (a chosen logo before upload), revoked when the blob is
 * replaced or the component goes, so previews do not pile up in memory.
 */
export function useObjectUrl(blob: Blob | null): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => {
    if (url) return () => URL.revokeObjectURL(url);
  }, [url]);
  return url;
}
