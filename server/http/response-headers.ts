import type { MiddlewareHandler } from 'hono';
import { cacheDirectives } from './cache-headers.js';

/**
 * No page of ours ever sends its URL onwards: the overlay's URL carries an API token in its
 * query, and nothing here needs a `Referer` (CORS and tokens do that job).
 */
export const REFERRER_POLICY = 'no-referrer';

/** The headers `responseHeaders` gives every answer, for whatever answers without it (the hot path). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': REFERRER_POLICY,
};

/** What an answer is cached with when its route said nothing, and what every error is cached with. */
export const NOT_STORED = 'no-store';

/**
 * Headers every answer carries, mounted first on the whole app: no content-type sniffing, no
 * referrer, no `X-Powered-By`, and nothing cached unless its route chose how (public files,
 * docs assets). Errors are never stored, whatever was set before the error was thrown.
 */
export function responseHeaders(): MiddlewareHandler {
  return async function responseHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', SECURITY_HEADERS['X-Content-Type-Options']!);
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', REFERRER_POLICY);
    headers.delete('X-Powered-By');
    const own = headers.get('Cache-Control');
    if (!own || (c.res.status >= 400 && !cacheDirectives(own).has('no-store')))
      headers.set('Cache-Control', NOT_STORED);
  };
}
