export type { SentNotification, StoredSubscription } from './twitch-eventsub.js';
export type { SentChatMessage } from './twitch-helix.js';
export {
  type TwitchFault,
  type TwitchRequest,
  TwitchStandIn,
  type TwitchStandInOptions,
} from './twitch-stand-in.js';
export type { IssuedToken } from './twitch-tokens.js';
export {
  type ChatBadgeData,
  type ChatMessageInput,
  chatMessageEvent,
  redemptionAddEvent,
  type StoredRedemption,
  type StoredReward,
  type TwitchUser,
} from './twitch-wire.js';
