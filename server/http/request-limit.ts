import type { MiddlewareHandler } from 'hono';
import type { RequestLimiter } from '../limits/index.js';
import type { AppEnv } from './app-env.js';

/** Refuses a principal's requests past the limiter's rate with 429 and `Retry-After`; mount after `authenticate`. */
export function requestLimit(limiter: RequestLimiter): MiddlewareHandler<AppEnv> {
  return async function requestLimit(c, next) {
    limiter.hit(`requests:${c.get('caller').principal}`);
    await next();
  };
}
