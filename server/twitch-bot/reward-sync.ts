import { chatTypeName } from '../chat/index.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { twitchFailureReason } from '../twitch/twitch-failure-reason.js';
import {
  finishRewardDeletion,
  listRewardsToSync,
  markRewardActive,
  markRewardFailed,
} from '../twitch/twitch-reward-store.js';
import type { TwitchVoice } from './twitch-voice.js';

export interface RewardSyncOptions {
  readonly db: Db;
  readonly voice: TwitchVoice;
  readonly logger: Logger;
  /** The Twitch account connected for a channel, or undefined when none is (its rewards wait). */
  readonly broadcasterOf: (channelId: string) => string | undefined;
}

/** Twitch refused the request itself (4xx): asking again will not help, so the reward is `failed`. */
const refusedByTwitch = (error: unknown) => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 401 && status !== 429;
};

/**
 * Makes Twitch match the rewards broadcasters asked for: creates the `pending` ones and removes
 * the `deleting` ones. A reward created on Twitch just before a crash is adopted by its title
 * rather than made twice; a failure Twitch may get over is left for the next round.
 */
export async function syncRewards(options: RewardSyncOptions): Promise<void> {
  const { db, voice, logger } = options;
  for (const reward of await listRewardsToSync(db, 20)) {
    const broadcasterId = options.broadcasterOf(reward.channelId);
    if (!broadcasterId) continue;
    try {
      if (reward.status === 'deleting') {
        if (reward.twitchRewardId)
          await voice.deleteReward(broadcasterId, reward.twitchRewardId).catch((error: unknown) => {
            // Already gone on Twitch (the broadcaster removed it there): as good.
            if ((error as { statusCode?: unknown }).statusCode !== 404) throw error;
          });
        await finishRewardDeletion(db, reward.id);
        continue;
      }
      const adopted = (await voice.ownRewards(broadcasterId)).find((own) => own.title === reward.title);
      const twitchRewardId =
        adopted?.id ??
        (await voice.createReward(broadcasterId, {
          title: reward.title,
          cost: reward.cost,
          prompt: `Describe the ${chatTypeName(reward.assetType)} to make, e.g. a cat in sunglasses`,
        }));
      // Removed while it was being made: take it off Twitch again.
      if (!(await markRewardActive(db, reward.id, twitchRewardId)))
        await voice.deleteReward(broadcasterId, twitchRewardId).catch(() => undefined);
    } catch (error) {
      if (refusedByTwitch(error)) await markRewardFailed(db, reward.id, twitchFailureReason(error));
      else logger.warn({ err: error, rewardId: reward.id }, 'reward not synced with Twitch; will try again');
    }
  }
}
