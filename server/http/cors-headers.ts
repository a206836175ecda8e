import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { varyOn } from './cache-headers.js';

export interface CorsOptions {
  /** The origins that may read answers, or `*` for any (no credentials are ever involved). */
  readonly origins: readonly string[] | '*';
  readonly allowHeaders?: string[];
  readonly allowMethods?: string[];
  /** How long a browser may keep a preflight's answer, in seconds. */
  readonly maxAge?: number;
}

/**
 * CORS as Hono's `cors` does it, but adding its headers to the answer the route made rather
 * than through `c.header` around it: on Node that would turn the server's light response
 * into a full `Response` with a stream for its body, a cost every API answer paid. Preflights
 * (OPTIONS) are Hono's own, answered before any route.
 */
export function corsHeaders(options: CorsOptions): MiddlewareHandler {
  const anyOrigin = options.origins === '*';
  const allowed = new Set(anyOrigin ? [] : options.origins);
  const preflight = cors({
    origin: anyOrigin ? '*' : [...allowed],
    ...(options.allowHeaders ? { allowHeaders: options.allowHeaders } : {}),
    ...(options.allowMethods ? { allowMethods: options.allowMethods } : {}),
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
  });
  return async function corsHeaders(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const headers = c.res.headers;
    if (anyOrigin) {
      headers.set('Access-Control-Allow-Origin', '*');
      return;
    }
    const origin = c.req.header('origin');
    if (origin && allowed.has(origin)) headers.set('Access-Control-Allow-Origin', origin);
    varyOn(headers, 'Origin');
  };
}
