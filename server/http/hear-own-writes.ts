import type { MiddlewareHandler } from 'hono';

/** What the middleware needs of the event hub. */
export interface CatchingUp {
  caughtUp(): Promise<void>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write's answer leaves only once this process has heard every announcement committed before
 * it, its own included. The read caches drop what an announcement made stale as it is heard, so
 * whoever made a change sees it on their next read from this process, whatever the read hits.
 */
export function hearOwnWrites(events: CatchingUp): MiddlewareHandler {
  return async function hearOwnWrites(c, next) {
    await next();
    if (!READS.has(c.req.method)) await events.caughtUp();
  };
}
