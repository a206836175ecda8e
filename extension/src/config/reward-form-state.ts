import type { RewardInput } from '../../../client/index.js';
import type { AssetType } from '../../../server/catalogue/index.js';
import { TWITCH_REWARD_LIMITS } from '../../../server/twitch/twitch-reward.js';

/** A new reward as the form holds it: the cost as typed. */
export interface RewardForm {
  readonly title: string;
  readonly cost: string;
  readonly assetType: AssetType;
}

export type RewardField = keyof RewardForm;

/** The form's fields, named as the API's `details[].path` names them. */
export const REWARD_FIELDS: readonly RewardField[] = ['title', 'cost', 'assetType'];

export const NEW_REWARD: RewardForm = { title: '', cost: '500', assetType: 'emote' };

const { titleMax, costMin, costMax } = TWITCH_REWARD_LIMITS;

/** The form as the reward to ask for, or what is wrong beside each field; Twitch's own limits. */
export function readRewardForm(
  form: RewardForm,
): { input: RewardInput } | { problems: Partial<Record<RewardField, string>> } {
  const title = form.title.trim();
  const cost = Number(form.cost.trim());
  const problems: Partial<Record<RewardField, string>> = {};
  if (title === '') problems.title = 'give the reward a title viewers will see';
  else if (title.length > titleMax) problems.title = `at most ${titleMax} characters`;
  if (form.cost.trim() === '' || !Number.isInteger(cost) || cost < costMin || cost > costMax)
    problems.cost = `a whole number of points from ${costMin} to ${costMax.toLocaleString('en')}`;
  if (Object.keys(problems).length > 0) return { problems };
  return { input: { title, cost, assetType: form.assetType } };
}
