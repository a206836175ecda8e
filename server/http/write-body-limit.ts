import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../errors/index.js';

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A route that takes a larger body than the rest (an image upload): its path, and its limit. */
export interface LargerBody {
  readonly path: RegExp;
  readonly maxSize: number;
}

const limitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError('the request body is too large');
    },
  });

/**
 * Hono's `bodyLimit` for requests that may carry a body. It asks the request for its body first,
 * and on Node that alone turns the server's light request into a full `Request` (tens of µs):
 * a cost the status polls and gallery reads, which never carry one, are spared. The routes in
 * `larger` get their own limit; every other body, JSON above all, keeps `maxSize`.
 */
export function writeBodyLimit(maxSize: number, larger: readonly LargerBody[] = []): MiddlewareHandler {
  const limit = limitOf(maxSize);
  const exceptions = larger.map((route) => ({ path: route.path, limit: limitOf(route.maxSize) }));
  return async function writeBodyLimit(c, next) {
    if (BODILESS.has(c.req.method)) return next();
    const chosen = exceptions.find((route) => route.path.test(c.req.path))?.limit ?? limit;
    return chosen(c, next);
  };
}
