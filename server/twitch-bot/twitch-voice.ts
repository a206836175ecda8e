import type { ApiClient } from '@twurple/api';

/** What the bot says and does on Twitch: the Helix calls the chat runtime makes, and nothing else. */
export interface TwitchVoice {
  /** Sends `text` to the broadcaster's chat as their connected account, threaded under `replyTo` when given. */
  say(broadcasterId: string, text: string, replyTo?: string): Promise<void>;
  /** Fulfils a redemption, or cancels it (Twitch gives the viewer their points back). */
  settleRedemption(
    broadcasterId: string,
    rewardId: string,
    redemptionId: string,
    outcome: 'FULFILLED' | 'CANCELED',
  ): Promise<void>;
  /** Creates a reward our client id owns (so it may settle its redemptions); Twitch's id for it. */
  createReward(
    broadcasterId: string,
    reward: { title: string; cost: number; prompt: string },
  ): Promise<string>;
  deleteReward(broadcasterId: string, twitchRewardId: string): Promise<void>;
  /** The broadcaster's rewards that our client id owns. */
  ownRewards(broadcasterId: string): Promise<{ id: string; title: string }[]>;
}

/** The voice over twurple's Helix client, acting as each broadcaster through their stored token. */
export function helixVoice(api: ApiClient): TwitchVoice {
  return {
    async say(broadcasterId, text, replyTo) {
      await api.asUser(broadcasterId, (ctx) =>
        ctx.chat.sendChatMessage(broadcasterId, text, replyTo ? { replyParentMessageId: replyTo } : {}),
      );
    },
    async settleRedemption(broadcasterId, rewardId, redemptionId, outcome) {
      await api.channelPoints.updateRedemptionStatusByIds(broadcasterId, rewardId, [redemptionId], outcome);
    },
    async createReward(broadcasterId, reward) {
      const created = await api.channelPoints.createCustomReward(broadcasterId, {
        title: reward.title,
        cost: reward.cost,
        prompt: reward.prompt,
        userInputRequired: true,
      });
      return created.id;
    },
    async deleteReward(broadcasterId, twitchRewardId) {
      await api.channelPoints.deleteCustomReward(broadcasterId, twitchRewardId);
    },
    async ownRewards(broadcasterId) {
      const rewards = await api.channelPoints.getCustomRewards(broadcasterId, true);
      return rewards.map((reward) => ({ id: reward.id, title: reward.title }));
    },
  };
}
