import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rateLimitCounters } from '../db/schema.js';

/** One request counted in a fixed window: how many the bucket has had in it, and when the window ends. */
export interface Hit {
  readonly count: number;
  readonly resetAt: Date;
}

/**
 * Counts one request for `bucket` in the fixed window of `windowMs` that `now` falls in, in one
 * statement, so concurrent requests from every server process are counted exactly.
 */
export async function countHit(
  db: Db,
  bucket: string,
  windowMs: number,
  now: Date = new Date(),
): Promise<Hit> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  return { count: row!.count, resetAt: new Date(windowStart.getTime() + windowMs) };
}

/** Forgets windows that ended before `before`; the number of rows removed. */
export async function pruneRateLimits(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, before))
    .returning({ bucket: rateLimitCounters.bucket });
  return deleted.length;
}
