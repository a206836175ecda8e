import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';

/** What one request's log line says. */
export interface RequestLine {
  readonly method: string;
  /** Never the query string, which may hold a token. */
  readonly path: string;
  readonly status: number;
  /** Since the request reached us, to a tenth of a millisecond. */
  readonly startedAt: number;
}

/** Logs one request: at debug, or as an error for a 5xx. The one shape for the app and the hot path. */
export function logRequest(logger: Logger, { method, path, status, startedAt }: RequestLine): void {
  const ms = Math.round((performance.now() - startedAt) * 10) / 10;
  const level = status >= 500 ? 'error' : 'debug';
  logger[level]({ method, path, status, ms }, 'request');
}

/** One log line per request: method, path (never the query string, which may hold a token), status, time. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const startedAt = performance.now();
    await next();
    logRequest(logger, { method: c.req.method, path: c.req.path, status: c.res.status, startedAt });
  };
}
