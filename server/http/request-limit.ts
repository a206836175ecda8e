import type { MiddlewareHandler } from 'hono';
import type { Caller } from '../auth/caller.js';
import type { RequestLimiter } from '../limits/index.js';
import type { AppEnv } from './app-env.js';

/** Counts one request of `caller`; throws `TooManyRequestsError` (429, `Retry-After`) past the limit. */
export function countRequest(limiter: RequestLimiter, caller: Caller): void {
  limiter.hit(`requests:${caller.principal}`);
}

/** Refuses a principal's requests past the limiter's rate with 429 and `Retry-After`; mount after `authenticate`. */
export function requestLimit(limiter: RequestLimiter): MiddlewareHandler<AppEnv> {
  return async function requestLimit(c, next) {
    countRequest(limiter, c.get('caller'));
    await next();
  };
}
