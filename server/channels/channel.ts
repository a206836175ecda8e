/**
 * A channel's daily generation budget as its broadcaster set it: a count, null for no budget, or
 * `'default'` until they set one, so a change of `DAILY_GENERATION_BUDGET` reaches every channel
 * that never chose.
 */
export type DailyBudgetSetting = number | null | 'default';

/** A Twitch channel (or `local` in local mode) that owns jobs, assets, brand kits and tokens. */
export interface Channel {
  readonly id: string;
  readonly displayName: string;
  /** Whether moderators may start generations on this channel. */
  readonly allowModeratorGenerate: boolean;
  readonly dailyGenerationBudget: DailyBudgetSetting;
  readonly createdAt: Date;
}

/** The generations a UTC day may queue on the channel (null: no budget), `fallback` standing in for `'default'`. */
export function dailyBudgetOf(channel: Channel, fallback: number): number | null {
  return channel.dailyGenerationBudget === 'default' ? fallback : channel.dailyGenerationBudget;
}
