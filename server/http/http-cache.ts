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

/**
 * True when an `Accept-Encoding` header admits gzip: named (or as `x-gzip`), or through `*`,
 * and not at `q=0`. No header means identity only, which is what a plain `curl` gets.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let any = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const admitted = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return admitted;
    if (name === '*') any = admitted;
  }
  return any;
}
