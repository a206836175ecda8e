import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { type Channel, dailyBudgetOf } from '../channels/channel.js';
import { ensureChannel, setDailyGenerationBudget, setModeratorGenerate } from '../channels/channel-store.js';
import type { Db } from '../db/database.js';
import { generationsUsed, nextUtcMidnight } from '../limits/index.js';
import { authorize } from '../policy/index.js';
import type { Services } from './services.js';

/** What a broadcaster can change about their channel. */
export interface ChannelSettingsPatch {
  readonly allowModeratorGenerate?: boolean | undefined;
  /** Generations per UTC day; null for no budget. */
  readonly dailyGenerationBudget?: number | null | undefined;
}

/** A channel with its daily generation budget as it stands today. */
export interface ChannelSettings {
  readonly channel: Channel;
  readonly budget: {
    /** The budget in force: the channel's own, or the server's default (null: none). */
    readonly daily: number | null;
    readonly usedToday: number;
    readonly resetsAt: Date;
  };
}

async function withBudget(services: Services, db: Db, channel: Channel): Promise<ChannelSettings> {
  const now = new Date();
  return {
    channel,
    budget: {
      daily: dailyBudgetOf(channel, services.limits.dailyGenerationBudget),
      usedToday: await generationsUsed(db, channel.id, now),
      resetsAt: nextUtcMidnight(now),
    },
  };
}

/** The caller's channel and its settings (created on first sight). */
export async function readChannel(services: Services, caller: Caller): Promise<ChannelSettings> {
  authorize(caller, 'channel.read');
  const db = services.database.db;
  return withBudget(services, db, await ensureChannel(db, caller.channelId));
}

/** Changes the channel's settings, in one audited transaction. */
export async function updateChannel(
  services: Services,
  caller: Caller,
  patch: ChannelSettingsPatch,
): Promise<ChannelSettings> {
  authorize(caller, 'channel.write');
  const db = services.database.db;
  const channel = await ensureChannel(db, caller.channelId);
  const { allowModeratorGenerate: allow, dailyGenerationBudget: budget } = patch;
  if (allow === undefined && budget === undefined) return withBudget(services, db, channel);
  const updated = await db.transaction(async (tx) => {
    let changed = channel;
    if (allow !== undefined) changed = (await setModeratorGenerate(tx, caller.channelId, allow)) ?? changed;
    if (budget !== undefined)
      changed = (await setDailyGenerationBudget(tx, caller.channelId, budget)) ?? changed;
    await recordAudit(tx, caller, 'channel.update', caller.channelId, {
      ...(allow === undefined ? {} : { allowModeratorGenerate: allow }),
      ...(budget === undefined ? {} : { dailyGenerationBudget: budget }),
    });
    return changed;
  });
  return withBudget(services, db, updated);
}
