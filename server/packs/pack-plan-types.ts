import type { AssetType } from '../catalogue/index.js';

/** Where a pack is: making pieces, done, or ended early (out of budget, its lead failed, cancelled). */
export const PACK_STATUSES = ['running', 'completed', 'stopped', 'cancelled'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

/** The groups of pieces a pack can include, in the order a default pack makes them. */
export const PACK_GROUPS = [
  'profile_picture',
  'profile_banner',
  'offline_screen',
  'panels',
  'emotes',
  'sub_badges',
] as const;
export type PackGroup = (typeof PACK_GROUPS)[number];

/** One planned piece of a brand pack: what to make, and the name its file takes in the pack's zip. */
export interface PackPiece {
  /** Stable within the pack (`profile_picture`, `panel_about`, `sub_badge_12`): the job's idempotency key ends with it. */
  readonly key: string;
  readonly assetType: AssetType;
  /** The description the piece is generated from (ours, then sanitized like any prompt). */
  readonly prompt: string;
  /** What the piece is called on screen ("Panel: About", "Sub badge: 12 months"). Absent in rows planned before titles. */
  readonly title?: string;
}
