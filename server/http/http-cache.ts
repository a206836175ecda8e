/**
 * How long anyone may cache a public file. Short on purpose: an asset made private must stop
 * showing (on stream, in OBS's browser cache, behind a CDN) within minutes, and ETags keep
 * revalidation cheap.
 */
export const PUBLIC_FILE_CACHE_CONTROL = 'public, max-age=300';

/** True when an `If-None-Match` header (a list, weak tags, or `*`) matches `etag`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
