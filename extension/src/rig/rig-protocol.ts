/** Messages the rig page posts to the views it frames, to play Twitch's part. */
export type RigMessage =
  | { readonly source: 'streamer-studio-rig'; readonly type: 'context'; readonly theme: 'dark' | 'light' }
  | { readonly source: 'streamer-studio-rig'; readonly type: 'renew-token' };

export const RIG_SOURCE = 'streamer-studio-rig';

/** The roles the rig hands tokens for, as Twitch's extension JWT names them. */
export const RIG_ROLES = ['broadcaster', 'moderator', 'viewer'] as const;
export type RigRole = (typeof RIG_ROLES)[number];

/** What `GET /rig/token?role=` answers. */
export interface RigToken {
  readonly token: string;
  readonly channelId: string;
  readonly userId: string;
  readonly clientId: string;
  readonly expiresInSeconds: number;
}

export function isRigMessage(value: unknown): value is RigMessage {
  return typeof value === 'object' && value !== null && (value as { source?: unknown }).source === RIG_SOURCE;
}
