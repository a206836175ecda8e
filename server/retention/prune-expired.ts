import { lt } from 'drizzle-orm';
import { pruneAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { eventStreams } from '../db/schema.js';
import { pruneEvents } from '../events/event-store.js';
import { pruneGenerationDays, pruneRateLimits } from '../limits/index.js';
import { pruneReceipts } from '../twitch-bot/twitch-receipts.js';

/** How long each kind of record is kept. */
export interface Retention {
  /** Events stay replayable for reconnecting clients this long. */
  readonly eventsMs: number;
  readonly auditDays: number;
}

/** Rate-limit windows older than this are over for every limit we count. */
const RATE_WINDOWS_KEPT_MS = 10 * 60_000;

/**
 * Deletes what has outlived its use: old events, the audit trail past its retention, ended rate
 * windows, dead stream leases, the generation counts of days long past, and old Twitch receipts.
 */
export async function pruneExpired(db: Db, retention: Retention, now: Date = new Date()) {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const events = await pruneEvents(db, retention.eventsMs, now);
  const audit = await pruneAudit(db, ago(retention.auditDays * 24 * 60 * 60_000));
  const rateWindows = await pruneRateLimits(db, ago(RATE_WINDOWS_KEPT_MS));
  const streams = (
    await db.delete(eventStreams).where(lt(eventStreams.expiresAt, now)).returning({ id: eventStreams.id })
  ).length;
  const budgetDays = await pruneGenerationDays(db, now);
  const twitchReceipts = await pruneReceipts(db, now);
  return { events, audit, rateWindows, streams, budgetDays, twitchReceipts };
}
