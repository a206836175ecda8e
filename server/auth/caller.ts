/** What a caller may be on a channel, from Twitch's extension JWT roles. */
export type Role = 'broadcaster' | 'moderator' | 'viewer';

/** Who is calling, resolved once by the auth middleware; every query is scoped to `channelId`. */
export interface Caller {
  readonly channelId: string;
  readonly role: Role;
  /** Twitch user id when the viewer shared it, or the opaque id. */
  readonly userId: string | null;
  readonly via: 'extension_jwt' | 'api_token';
}
