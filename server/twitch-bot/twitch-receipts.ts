import { lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { twitchReceipts } from '../db/schema.js';

/** How long a receipt is kept: far past the ten minutes after which twurple drops a notification. */
export const RECEIPT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Records that the notification carrying `id` (`chat:<message id>`, `redemption:<id>`) is being
 * handled; false when it already was, here or in another process. Whoever gets true acts on it.
 */
export async function takeReceipt(db: Db, id: string, now: Date = new Date()): Promise<boolean> {
  const rows = await db
    .insert(twitchReceipts)
    .values({ id, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: twitchReceipts.id });
  return rows.length === 1;
}

/** Deletes receipts past their retention. */
export async function pruneReceipts(db: Db, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - RECEIPT_RETENTION_MS);
  return (await db.delete(twitchReceipts).where(lt(twitchReceipts.receivedAt, before)).returning()).length;
}
