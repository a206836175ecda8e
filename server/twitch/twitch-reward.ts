import type { AssetType } from '../catalogue/index.js';

/**
 * Where a channel-point reward stands: `pending` until created on Twitch, `active` once it is,
 * `deleting` until removed there, `failed` when Twitch refused it (`failureReason` says why).
 */
export const TWITCH_REWARD_STATUSES = ['pending', 'active', 'deleting', 'failed'] as const;

export type TwitchRewardStatus = (typeof TWITCH_REWARD_STATUSES)[number];

/** A channel-point reward that generates an asset from the viewer's text. */
export interface TwitchReward {
  readonly id: string;
  readonly channelId: string;
  readonly twitchRewardId: string | null;
  readonly assetType: AssetType;
  readonly title: string;
  readonly cost: number;
  readonly status: TwitchRewardStatus;
  readonly failureReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Twitch's limits on a custom reward, checked before anything is stored. */
export const TWITCH_REWARD_LIMITS = { titleMax: 45, costMin: 1, costMax: 1_000_000 } as const;
