import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { AssetType } from '../catalogue/index.js';
import { ensureChannel } from '../channels/channel-store.js';
import { InvalidInputError, NotFoundError, TwitchNotConnectedError } from '../errors/index.js';
import { authorize } from '../policy/index.js';
import { findTwitchConnection } from '../twitch/twitch-connection-store.js';
import type { TwitchReward } from '../twitch/twitch-reward.js';
import {
  deleteRewardRow,
  insertWantedReward,
  listChannelRewards,
  markRewardDeleting,
  rewardTitleTaken,
} from '../twitch/twitch-reward-store.js';
import type { Services } from './services.js';

/** A channel-point reward as the broadcaster asks for it. */
export interface RewardInput {
  readonly title: string;
  readonly cost: number;
  readonly assetType: AssetType;
}

/** The channel's channel-point rewards, newest first, with where each stands on Twitch. */
export function listRewards(services: Services, caller: Caller): Promise<TwitchReward[]> {
  authorize(caller, 'channel.read');
  return listChannelRewards(services.database.db, caller.channelId);
}

/**
 * Asks for a reward on the channel's Twitch account: stored `pending`, and made there by the
 * Twitch runtime. Refused while the account is not connected, as nothing could make it.
 */
export async function createReward(
  services: Services,
  caller: Caller,
  input: RewardInput,
): Promise<TwitchReward> {
  authorize(caller, 'channel.write');
  const db = services.database.db;
  const connection = await findTwitchConnection(db, caller.channelId);
  if (connection?.status !== 'connected') throw new TwitchNotConnectedError();
  await ensureChannel(db, caller.channelId);
  return db.transaction(async (tx) => {
    if (await rewardTitleTaken(tx, caller.channelId, input.title)) {
      const message = `the channel already has a reward titled “${input.title}”`;
      throw new InvalidInputError(`invalid json field "title": ${message}`, [{ path: 'title', message }]);
    }
    const reward = await insertWantedReward(tx, { channelId: caller.channelId, ...input });
    await recordAudit(tx, caller, 'reward.create', reward.id, { ...input });
    return reward;
  });
}

/**
 * Removes a reward: one that never reached Twitch is deleted at once (null), one that did is
 * marked `deleting` for the runtime to remove there (and returned).
 */
export async function deleteReward(
  services: Services,
  caller: Caller,
  rewardId: string,
): Promise<TwitchReward | null> {
  authorize(caller, 'channel.write');
  return services.database.db.transaction(async (tx) => {
    // Tried in this order so a reward that reaches Twitch meanwhile is marked, never lost track of.
    const gone = await deleteRewardRow(tx, caller.channelId, rewardId);
    const reward = gone ?? (await markRewardDeleting(tx, caller.channelId, rewardId));
    if (!reward) throw new NotFoundError('no such reward on this channel');
    await recordAudit(tx, caller, 'reward.delete', reward.id, {
      title: reward.title,
      ...(gone ? {} : { twitchRewardId: reward.twitchRewardId }),
    });
    return gone ? null : reward;
  });
}
