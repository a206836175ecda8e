import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { channels } from '../db/schema.js';
import type { Channel } from './channel.js';

type ChannelRow = typeof channels.$inferSelect;

function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    displayName: row.displayName,
    allowModeratorGenerate: row.allowModeratorGenerate,
    dailyGenerationBudget: row.dailyGenerationBudgetSet ? row.dailyGenerationBudget : 'default',
    createdAt: row.createdAt,
  };
}

/** Creates the channel if it is new; a given display name replaces the stored one. */
export async function ensureChannel(db: Db, id: string, displayName?: string): Promise<Channel> {
  const [row] = await db
    .insert(channels)
    .values({ id, displayName: displayName ?? id, createdAt: new Date() })
    .onConflictDoUpdate({
      target: channels.id,
      // Without a new name the no-op update still returns the row (DO NOTHING would return none).
      set: { displayName: displayName === undefined ? sql`${channels.displayName}` : displayName },
    })
    .returning();
  return toChannel(row!);
}

/** The channel, or null when it has never been seen. */
export async function getChannel(db: Db, id: string): Promise<Channel | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  return row ? toChannel(row) : null;
}

/** Lets (or stops) moderators generate on the channel; null when the channel is unknown. */
export async function setModeratorGenerate(db: Db, id: string, allow: boolean): Promise<Channel | null> {
  const [row] = await db
    .update(channels)
    .set({ allowModeratorGenerate: allow })
    .where(eq(channels.id, id))
    .returning();
  return row ? toChannel(row) : null;
}

/** Sets the channel's daily generation budget (null: none); null when the channel is unknown. */
export async function setDailyGenerationBudget(
  db: Db,
  id: string,
  budget: number | null,
): Promise<Channel | null> {
  const [row] = await db
    .update(channels)
    .set({ dailyGenerationBudgetSet: true, dailyGenerationBudget: budget })
    .where(eq(channels.id, id))
    .returning();
  return row ? toChannel(row) : null;
}
