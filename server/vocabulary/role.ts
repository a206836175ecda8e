/** What a caller may be on a channel, from Twitch's extension JWT roles (API tokens carry one too). */
export const ROLES = ['broadcaster', 'moderator', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

/** How a caller proved who they are: the panel's Twitch extension JWT, or a per-channel API token. */
export type Credential = 'extension_jwt' | 'api_token';
