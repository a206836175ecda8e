import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.js';
import { enforceRate, PER_MINUTE } from '../limits/index.js';
import type { AppEnv } from './app-env.js';

/** Refuses a principal's requests past `perMinute` with 429 and `Retry-After`; mount after `authenticate`. */
export function requestLimit(database: Database, perMinute: number): MiddlewareHandler<AppEnv> {
  const rate = { limit: perMinute, windowMs: PER_MINUTE };
  return async function requestLimit(c, next) {
    await enforceRate(database.db, `requests:${c.get('caller').principal}`, rate, 'requests');
    await next();
  };
}
