/** What a caller may be on a channel, from Twitch's extension JWT roles (API tokens carry one too). */
export const ROLES = ['broadcaster', 'moderator', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

/**
 * How a caller proved who they are: the panel's Twitch extension JWT, a per-channel API token, or
 * Twitch itself, delivering a chat command or a channel-point redemption over EventSub.
 */
export const CREDENTIALS = ['extension_jwt', 'api_token', 'twitch_chat', 'channel_points'] as const;

export type Credential = (typeof CREDENTIALS)[number];
