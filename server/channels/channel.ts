/** A Twitch channel (or `local` in local mode) that owns jobs, assets, brand kits and tokens. */
export interface Channel {
  readonly id: string;
  readonly displayName: string;
  /** Whether moderators may start generations on this channel. */
  readonly allowModeratorGenerate: boolean;
  readonly createdAt: Date;
}
