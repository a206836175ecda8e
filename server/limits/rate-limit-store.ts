import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rateLimitCounters } from '../db/schema.js';

/** One request counted in a fixed window: how many the bucket has had in it, and when the window ends. */
export interface Hit {
  readonly count: number;
  readonly resetAt: Date;
}

/** The start of the fixed window of `windowMs` that `now` falls in. */
export function windowOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Counts `hits` (one by default) for `bucket` in the fixed window of `windowMs` that `now` falls
 * in, in one statement, so concurrent counts from every server process add up exactly.
 */
export async function countHit(
  db: Db,
  bucket: string,
  windowMs: number,
  now: Date = new Date(),
  hits = 1,
): Promise<Hit> {
  const windowStart = windowOf(now, windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ bucket, windowStart, count: hits })
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + ${hits}` },
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
