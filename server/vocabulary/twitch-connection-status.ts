/** Where a channel's Twitch connection stands; `broken` when Twitch refused to refresh its token. */
export const TWITCH_CONNECTION_STATUSES = ['connected', 'broken'] as const;

export type TwitchConnectionStatus = (typeof TWITCH_CONNECTION_STATUSES)[number];
