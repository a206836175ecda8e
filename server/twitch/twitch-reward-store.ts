import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { AssetType } from '../catalogue/index.js';
import type { Db } from '../db/database.js';
import { twitchRewards } from '../db/schema.js';
import type { TwitchReward } from './twitch-reward.js';

/** A reward the broadcaster asked for, before it exists on Twitch. */
export interface WantedReward {
  readonly channelId: string;
  readonly title: string;
  readonly cost: number;
  readonly assetType: AssetType;
}

type Row = typeof twitchRewards.$inferSelect;

const toReward = (row: Row): TwitchReward => ({
  id: row.id,
  channelId: row.channelId,
  twitchRewardId: row.twitchRewardId,
  assetType: row.assetType,
  title: row.title,
  cost: row.cost,
  status: row.status,
  failureReason: row.failureReason,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const ofChannel = (channelId: string, id: string) =>
  and(eq(twitchRewards.channelId, channelId), eq(twitchRewards.id, id));

/** Stores a reward as `pending`: the Twitch runtime creates it there and marks it active. */
export async function insertWantedReward(
  db: Db,
  wanted: WantedReward,
  now = new Date(),
): Promise<TwitchReward> {
  const [row] = await db
    .insert(twitchRewards)
    .values({ id: randomUUID(), ...wanted, status: 'pending', createdAt: now, updatedAt: now })
    .returning();
  return toReward(row!);
}

/** Every reward of the channel, whatever its status, newest first. */
export async function listChannelRewards(db: Db, channelId: string): Promise<TwitchReward[]> {
  const rows = await db
    .select()
    .from(twitchRewards)
    .where(eq(twitchRewards.channelId, channelId))
    .orderBy(desc(twitchRewards.createdAt), desc(twitchRewards.id));
  return rows.map(toReward);
}

/** One reward of the channel, or null (also for another channel's id). */
export async function getChannelReward(db: Db, channelId: string, id: string): Promise<TwitchReward | null> {
  const [row] = await db.select().from(twitchRewards).where(ofChannel(channelId, id));
  return row ? toReward(row) : null;
}

/**
 * Whether another of the channel's rewards already has this title, in any case (Twitch refuses
 * a second one); a reward on its way out does not count.
 */
export async function rewardTitleTaken(db: Db, channelId: string, title: string): Promise<boolean> {
  const [row] = await db
    .select({ id: twitchRewards.id })
    .from(twitchRewards)
    .where(
      and(
        eq(twitchRewards.channelId, channelId),
        ne(twitchRewards.status, 'deleting'),
        eq(sql`lower(${twitchRewards.title})`, title.toLowerCase()),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Marks a reward that exists on Twitch `deleting`, for the runtime to remove there; null when the
 * channel has no such reward or it never reached Twitch (then `deleteRewardRow` is the way).
 */
export async function markRewardDeleting(
  db: Db,
  channelId: string,
  id: string,
  now = new Date(),
): Promise<TwitchReward | null> {
  const [row] = await db
    .update(twitchRewards)
    .set({ status: 'deleting', failureReason: null, updatedAt: now })
    .where(and(ofChannel(channelId, id), isNotNull(twitchRewards.twitchRewardId)))
    .returning();
  return row ? toReward(row) : null;
}

/**
 * Deletes a reward that never reached Twitch (no Twitch id), so nothing is left to remove there;
 * null when there is no such reward or it has a Twitch id by now.
 */
export async function deleteRewardRow(db: Db, channelId: string, id: string): Promise<TwitchReward | null> {
  const [row] = await db
    .delete(twitchRewards)
    .where(and(ofChannel(channelId, id), isNull(twitchRewards.twitchRewardId)))
    .returning();
  return row ? toReward(row) : null;
}

/** Rewards the runtime must create (`pending`) or remove (`deleting`) on Twitch, longest waiting first. */
export async function listRewardsToSync(db: Db, limit: number): Promise<TwitchReward[]> {
  const rows = await db
    .select()
    .from(twitchRewards)
    .where(inArray(twitchRewards.status, ['pending', 'deleting']))
    .orderBy(asc(twitchRewards.updatedAt), asc(twitchRewards.id))
    .limit(limit);
  return rows.map(toReward);
}

/**
 * Records that Twitch created a pending reward, with Twitch's id. Null when the reward is no
 * longer pending or was deleted meanwhile: the caller then removes what it just created on Twitch.
 */
export async function markRewardActive(
  db: Db,
  id: string,
  twitchRewardId: string,
  now = new Date(),
): Promise<TwitchReward | null> {
  const [row] = await db
    .update(twitchRewards)
    .set({ status: 'active', twitchRewardId, failureReason: null, updatedAt: now })
    .where(and(eq(twitchRewards.id, id), eq(twitchRewards.status, 'pending')))
    .returning();
  return row ? toReward(row) : null;
}

/** Records that Twitch refused the reward, with its reason for the broadcaster; null when it is gone. */
export async function markRewardFailed(
  db: Db,
  id: string,
  reason: string,
  now = new Date(),
): Promise<TwitchReward | null> {
  const [row] = await db
    .update(twitchRewards)
    .set({ status: 'failed', failureReason: reason, updatedAt: now })
    .where(eq(twitchRewards.id, id))
    .returning();
  return row ? toReward(row) : null;
}

/** Forgets a `deleting` reward once Twitch has removed it (or no longer knows it); false when there is none. */
export async function finishRewardDeletion(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(twitchRewards)
    .where(and(eq(twitchRewards.id, id), eq(twitchRewards.status, 'deleting')))
    .returning({ id: twitchRewards.id });
  return rows.length > 0;
}

/** The reward Twitch knows by `twitchRewardId` (a redemption names it), or null. */
export async function findRewardByTwitchId(db: Db, twitchRewardId: string): Promise<TwitchReward | null> {
  const [row] = await db.select().from(twitchRewards).where(eq(twitchRewards.twitchRewardId, twitchRewardId));
  return row ? toReward(row) : null;
}
