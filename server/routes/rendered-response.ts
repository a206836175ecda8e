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

/** What a rendered answer goes out as: its status, headers and bytes (none for a 304). */
export interface AnswerParts {
  readonly status: 200 | 304;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array<ArrayBuffer> | null;
}

/**
 * How a rendered answer goes out to a request with these `Accept-Encoding` and `If-None-Match`
 * headers: gzipped when accepted, a 304 for a shareable one the caller holds in either encoding.
 * The one rule for the route and for the hot path.
 */
export function renderedParts(
  rendered: RenderedAnswer,
  request: { readonly acceptEncoding?: string | undefined; readonly ifNoneMatch?: string | undefined },
  { cacheControl }: RenderedResponseOptions = {},
): AnswerParts {
  const { gzip } = rendered;
  const chosen = gzip && acceptsGzip(request.acceptEncoding) ? gzip : rendered;
  // A cache in front keeps the encodings apart.
  const headers: Record<string, string> = { Vary: 'Accept-Encoding' };
  if (cacheControl) {
    headers.ETag = chosen.etag;
    headers['Cache-Control'] = cacheControl;
    const held = request.ifNoneMatch;
    if (matchesEtag(held, rendered.etag) || (gzip && matchesEtag(held, gzip.etag)))
      return { status: 304, headers, body: null };
  }
  headers['Content-Type'] = 'application/json';
  if (chosen === gzip) headers['Content-Encoding'] = 'gzip';
  return { status: 200, headers, body: chosen.body };
}

/**
 * Sends a rendered answer (see `renderedParts`). Typed as the JSON it holds (`T`), which the typed
 * client reads, though it was serialised (and compressed) once, when it was cached.
 */
export function renderedResponse<T>(
  c: Context,
  rendered: RenderedAnswer,
  options: RenderedResponseOptions = {},
) {
  const request = {
    acceptEncoding: c.req.header('accept-encoding'),
    ifNoneMatch: c.req.header('if-none-match'),
  };
  const { status, headers, body } = renderedParts(rendered, request, options);
  const response = body === null ? c.body(null, status, headers) : c.body(body, 200, headers);
  return response as unknown as TypedResponse<T, 200, 'json'>;
}
