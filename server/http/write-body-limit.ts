import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../errors/index.js';

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Hono's `bodyLimit` for requests that may carry a body. It asks the request for its body first,
 * and on Node that alone turns the server's light request into a full `Request` (tens of µs):
 * a cost the status polls and gallery reads, which never carry one, are spared.
 */
export function writeBodyLimit(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError('the request body is too large');
    },
  });
  return async function writeBodyLimit(c, next) {
    if (BODILESS.has(c.req.method)) return next();
    return limit(c, next);
  };
}
