import type { Context, TypedResponse } from 'hono';
import { acceptsGzip, matchesEtag } from '../http/http-cache.js';
import type { RenderedAnswer } from '../read-cache/index.js';

export interface RenderedResponseOptions {
  /**
   * How anyone may keep a shareable answer: it then carries its ETag, and a caller holding the
   * current version (in either encoding) gets a 304. Without it the answer is the caller's own,
   * and `privateAnswers` keeps every cache from storing it.
   */
  readonly cacheControl?: string;
}

/**
 * Sends a rendered answer, gzipped when the caller accepts it. Typed as the JSON it holds (`T`),
 * which the typed client reads, though it was serialised (and compressed) once, when it was cached.
 */
export function renderedResponse<T>(
  c: Context,
  rendered: RenderedAnswer,
  { cacheControl }: RenderedResponseOptions = {},
) {
  const { gzip } = rendered;
  const chosen = gzip && acceptsGzip(c.req.header('accept-encoding')) ? gzip : rendered;
  // A cache in front keeps the encodings apart.
  const headers: Record<string, string> = { Vary: 'Accept-Encoding' };
  if (cacheControl) {
    headers.ETag = chosen.etag;
    headers['Cache-Control'] = cacheControl;
    const held = c.req.header('if-none-match');
    if (matchesEtag(held, rendered.etag) || (gzip && matchesEtag(held, gzip.etag)))
      return c.body(null, 304, headers) as unknown as TypedResponse<T, 200, 'json'>;
  }
  headers['Content-Type'] = 'application/json';
  if (chosen === gzip) headers['Content-Encoding'] = 'gzip';
  return c.body(chosen.body, 200, headers) as unknown as TypedResponse<T, 200, 'json'>;
}
