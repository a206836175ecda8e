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
    for (const [name, value] of Object.entries(
      corsAnswerHeaders(anyOrigin ? '*' : allowed, c.req.header('origin')),
    ))
      if (name === 'Vary') varyOn(headers, value);
      else headers.set(name, value);
  };
}

/**
 * The CORS headers of an answer (not a preflight's) to a request from `origin`: the origin is
 * named when it is allowed, and the answer varies on it unless any origin may read it.
 */
export function corsAnswerHeaders(
  origins: ReadonlySet<string> | readonly string[] | '*',
  origin: string | undefined,
): Record<string, string> {
  if (origins === '*') return { 'Access-Control-Allow-Origin': '*' };
  const allowed = 'has' in origins ? origins.has(origin ?? '') : origins.includes(origin ?? '');
  return origin && allowed ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
}
