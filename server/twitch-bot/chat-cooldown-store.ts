import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { chatCooldowns } from '../db/schema.js';

/** The key of a channel's own row: its channel-wide cooldown. */
const CHANNEL = '';

/** What the cooldown decision needs to know about one chatter, as epoch milliseconds. */
export interface CooldownTimes {
  readonly lastByUser: number | null;
  readonly lastByChannel: number | null;
  readonly lastRefusalNotice: number | null;
}

const ms = (date: Date | null | undefined) => date?.getTime() ?? null;

/** When the chatter and the channel last started a generation from chat, and when the chatter was last told to wait. */
export async function readCooldowns(db: Db, channelId: string, twitchUserId: string): Promise<CooldownTimes> {
  const rows = await db
    .select()
    .from(chatCooldowns)
    .where(
      and(
        eq(chatCooldowns.channelId, channelId),
        inArray(chatCooldowns.twitchUserId, [twitchUserId, CHANNEL]),
      ),
    );
  const user = rows.find((row) => row.twitchUserId === twitchUserId);
  const channel = rows.find((row) => row.twitchUserId === CHANNEL);
  return {
    lastByUser: ms(user?.lastStartedAt),
    lastByChannel: ms(channel?.lastStartedAt),
    lastRefusalNotice: ms(user?.lastNoticeAt),
  };
}

/** Records that the chatter started a generation at `now`: both their cooldown and the channel's begin. */
export async function recordChatStart(
  db: Db,
  channelId: string,
  twitchUserId: string,
  now: Date,
): Promise<void> {
  for (const who of [twitchUserId, CHANNEL])
    await db
      .insert(chatCooldowns)
      .values({ channelId, twitchUserId: who, lastStartedAt: now })
      .onConflictDoUpdate({
        target: [chatCooldowns.channelId, chatCooldowns.twitchUserId],
        set: { lastStartedAt: now },
      });
}

/** Records that the chatter was told why not at `now`, so they are not told again this window. */
export async function recordChatNotice(
  db: Db,
  channelId: string,
  twitchUserId: string,
  now: Date,
): Promise<void> {
  await db
    .insert(chatCooldowns)
    .values({ channelId, twitchUserId, lastNoticeAt: now })
    .onConflictDoUpdate({
      target: [chatCooldowns.channelId, chatCooldowns.twitchUserId],
      set: { lastNoticeAt: now },
    });
}
