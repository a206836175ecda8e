import type { MiddlewareHandler } from 'hono';
import { cacheDirectives, varyOn } from './cache-headers.js';

/** How an answer that only its caller may see is cached: by nobody. */
export const PRIVATE_NOT_STORED = 'private, no-store';

/**
 * For the authenticated, per-channel API: no shared cache (proxy, CDN) ever keeps an answer.
 * A route may still let its caller's own browser keep one (`private, max-age=…`) and then the
 * answer says `Vary: Authorization`, so a browser holding two tokens (the rig, as broadcaster and
 * as viewer) never shows one the other's. Anything else, errors included, is `private, no-store`.
 */
export function privateAnswers(): MiddlewareHandler {
  return async function privateAnswers(c, next) {
    await next();
    const headers = c.res.headers;
    const own = cacheDirectives(headers.get('Cache-Control'));
    const keptFromSharedCaches = own.has('private') || own.has('no-store');
    if (c.res.status >= 400 || !keptFromSharedCaches) headers.set('Cache-Control', PRIVATE_NOT_STORED);
    if (!cacheDirectives(headers.get('Cache-Control')).has('no-store')) varyOn(headers, 'Authorization');
  };
}
