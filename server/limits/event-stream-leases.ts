import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { eventStreams } from '../db/schema.js';
import { LimitExceededError } from '../errors/index.js';

/** How long an open stream's lease lasts without renewal; a stream renews it with each heartbeat. */
export const STREAM_LEASE_MS = 45_000;

/**
 * Opens a lease for one event stream of `principal`, or refuses (429) when it already holds `max`
 * live ones. Leases of streams whose process died simply expire. Returns the lease id.
 */
export function openStreamLease(
  db: Db,
  principal: string,
  max: number,
  now: Date = new Date(),
): Promise<string> {
  return db.transaction(async (tx) => {
    // One principal's opens take turns, so two at once cannot both see room for one more.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`event-streams:${principal}`}))`);
    await tx
      .delete(eventStreams)
      .where(and(eq(eventStreams.principal, principal), lte(eventStreams.expiresAt, now)));
    const [open] = await tx
      .select({ n: count() })
      .from(eventStreams)
      .where(and(eq(eventStreams.principal, principal), gt(eventStreams.expiresAt, now)));
    if ((open?.n ?? 0) >= max) {
      throw new LimitExceededError(
        'RATE_LIMITED',
        `at most ${max} event streams may be open at once for one caller; close one first`,
        STREAM_LEASE_MS,
        { limit: max },
      );
    }
    const id = randomUUID();
    await tx
      .insert(eventStreams)
      .values({ id, principal, expiresAt: new Date(now.getTime() + STREAM_LEASE_MS) });
    return id;
  });
}

/** Keeps a stream's lease alive. */
export async function renewStreamLease(db: Db, id: string, now: Date = new Date()): Promise<void> {
  await db
    .update(eventStreams)
    .set({ expiresAt: new Date(now.getTime() + STREAM_LEASE_MS) })
    .where(eq(eventStreams.id, id));
}

/** Ends a stream's lease. */
export async function closeStreamLease(db: Db, id: string): Promise<void> {
  await db.delete(eventStreams).where(eq(eventStreams.id, id));
}
