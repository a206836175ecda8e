/**
 * How long anyone may cache a public file. Short on purpose: an asset made private must stop
 * showing (on stream, in OBS's browser cache, behind a CDN) within minutes, and ETags keep
 * revalidation cheap.
 */
export const PUBLIC_FILE_CACHE_CONTROL = 'public, max-age=300';

/**
 * How long anyone may cache a redirect from `/asset/:id` to the storage host. Shorter still: the
 * file behind it is cached by its own rules, and an asset made private, deleted or replaced
 * should stop resolving to its old URL at once.
 */
export const PUBLIC_REDIRECT_CACHE_CONTROL = 'public, max-age=60';

/** True when an `If-None-Match` header (a list, weak tags, or `*`) matches `etag`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
