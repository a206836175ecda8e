import type { TwitchReward } from '../../../client/index.js';

/** Where a reward stands on Twitch, in words for the broadcaster. */
export function rewardStatusText(reward: Pick<TwitchReward, 'status' | 'failureReason'>): string {
  switch (reward.status) {
    case 'pending':
      return 'Creating on Twitch…';
    case 'active':
      return 'Live on Twitch';
    case 'deleting':
      return 'Removing…';
    case 'failed':
      return `Twitch refused: ${reward.failureReason ?? 'no reason given'}`;
  }
}

/** Whether a reward waits on the server's work with Twitch, so the list is worth reading again. */
export const rewardSettling = (reward: Pick<TwitchReward, 'status'>) =>
  reward.status === 'pending' || reward.status === 'deleting';
