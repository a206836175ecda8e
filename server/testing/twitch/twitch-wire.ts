/**
 * Twitch's wire shapes (snake_case, as Helix and EventSub send them), kept apart from the stand-in's
 * own state so a test reads the same JSON twurple parses.
 */

/** A Twitch account the stand-in knows. */
export interface TwitchUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

/** One chat badge as `channel.chat.message` carries it. */
export interface ChatBadgeData {
  readonly set_id: string;
  readonly id: string;
  readonly info: string;
}

/** A custom reward as the stand-in stores it; `clientId` is the app that created it. */
export interface StoredReward {
  readonly id: string;
  readonly broadcasterId: string;
  readonly clientId: string;
  title: string;
  cost: number;
  prompt: string;
  isEnabled: boolean;
  isPaused: boolean;
  isUserInputRequired: boolean;
  backgroundColor: string;
  skipQueue: boolean;
  readonly createdAt: string;
}

/** The redemption statuses Helix knows. */
export type RedemptionStatus = 'UNFULFILLED' | 'FULFILLED' | 'CANCELED';

/** A viewer's redemption of a custom reward. */
export interface StoredRedemption {
  readonly id: string;
  readonly rewardId: string;
  readonly broadcasterId: string;
  readonly user: TwitchUser;
  readonly userInput: string;
  status: RedemptionStatus;
  readonly redeemedAt: string;
}

/** A Helix user object (`GET /users`). */
export const userData = (user: TwitchUser, createdAt: string) => ({
  id: user.id,
  login: user.login,
  display_name: user.displayName,
  type: '',
  broadcaster_type: '',
  description: '',
  profile_image_url: `https://static-cdn.jtvnw.net/user-default-pictures/${user.id}-300x300.png`,
  offline_image_url: '',
  view_count: 0,
  created_at: createdAt,
});

/** A Helix custom reward object. */
export const rewardData = (reward: StoredReward, broadcaster: TwitchUser) => ({
  broadcaster_id: broadcaster.id,
  broadcaster_login: broadcaster.login,
  broadcaster_name: broadcaster.displayName,
  id: reward.id,
  title: reward.title,
  prompt: reward.prompt,
  cost: reward.cost,
  image: null,
  default_image: {
    url_1x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-1.png',
    url_2x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-2.png',
    url_4x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-4.png',
  },
  background_color: reward.backgroundColor,
  is_enabled: reward.isEnabled,
  is_user_input_required: reward.isUserInputRequired,
  max_per_stream_setting: { is_enabled: false, max_per_stream: 0 },
  max_per_user_per_stream_setting: { is_enabled: false, max_per_user_per_stream: 0 },
  global_cooldown_setting: { is_enabled: false, global_cooldown_seconds: 0 },
  is_paused: reward.isPaused,
  is_in_stock: true,
  should_redemptions_skip_request_queue: reward.skipQueue,
  redemptions_redeemed_current_stream: null,
  cooldown_expires_at: null,
});

/** A Helix custom reward redemption object. */
export const redemptionData = (r: StoredRedemption, reward: StoredReward, broadcaster: TwitchUser) => ({
  broadcaster_id: broadcaster.id,
  broadcaster_login: broadcaster.login,
  broadcaster_name: broadcaster.displayName,
  id: r.id,
  user_id: r.user.id,
  user_login: r.user.login,
  user_name: r.user.displayName,
  user_input: r.userInput,
  status: r.status,
  redeemed_at: r.redeemedAt,
  reward: { id: reward.id, title: reward.title, prompt: reward.prompt, cost: reward.cost },
});

/** The `channel.channel_points_custom_reward_redemption.add` event for a redemption. */
export const redemptionAddEvent = (r: StoredRedemption, reward: StoredReward, broadcaster: TwitchUser) => ({
  id: r.id,
  broadcaster_user_id: broadcaster.id,
  broadcaster_user_login: broadcaster.login,
  broadcaster_user_name: broadcaster.displayName,
  user_id: r.user.id,
  user_login: r.user.login,
  user_name: r.user.displayName,
  user_input: r.userInput,
  status: r.status.toLowerCase(),
  reward: { id: reward.id, title: reward.title, cost: reward.cost, prompt: reward.prompt },
  redeemed_at: r.redeemedAt,
});

/** What a test says about a chat message; everything else gets Twitch's defaults. */
export interface ChatMessageInput {
  readonly broadcaster: TwitchUser;
  readonly chatter: TwitchUser;
  readonly text: string;
  readonly messageId?: string;
  readonly badges?: readonly ChatBadgeData[];
  readonly color?: string;
}

/** The `channel.chat.message` event (v1) for one plain-text message. */
export const chatMessageEvent = (input: ChatMessageInput) => ({
  broadcaster_user_id: input.broadcaster.id,
  broadcaster_user_login: input.broadcaster.login,
  broadcaster_user_name: input.broadcaster.displayName,
  source_broadcaster_user_id: null,
  source_broadcaster_user_login: null,
  source_broadcaster_user_name: null,
  chatter_user_id: input.chatter.id,
  chatter_user_login: input.chatter.login,
  chatter_user_name: input.chatter.displayName,
  message_id: input.messageId ?? crypto.randomUUID(),
  source_message_id: null,
  is_source_only: null,
  message: {
    text: input.text,
    fragments: [{ type: 'text', text: input.text, cheermote: null, emote: null, mention: null }],
  },
  color: input.color ?? '#1E90FF',
  badges: input.badges ?? [],
  source_badges: null,
  message_type: 'text',
  cheer: null,
  reply: null,
  channel_points_custom_reward_id: null,
  channel_points_animation_id: null,
});

/** A Twitch error body (`{ error, status, message }`), as Helix and the token endpoint send it. */
export const twitchError = (status: number, message: string) => {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return { error: names[status] ?? 'Error', status, message };
};
