import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';

/** One log line per request: method, path (never the query string, which may hold a token), status, time. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const level = c.res.status >= 500 ? 'error' : 'debug';
    logger[level]({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  };
}
