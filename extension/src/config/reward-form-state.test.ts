import { describe, expect, it } from 'vitest';
import { NEW_REWARD, readRewardForm } from './reward-form-state.js';
import { rewardStatusText } from './reward-status.js';

describe('a new reward', () => {
  it('is asked for with its title trimmed and its cost as a number', () => {
    expect(readRewardForm({ title: '  Make an emote ', cost: ' 250 ', assetType: 'alert' })).toEqual({
      input: { title: 'Make an emote', cost: 250, assetType: 'alert' },
    });
  });

  it('keeps within Twitch’s limits', () => {
    expect(readRewardForm({ ...NEW_REWARD, title: '   ' })).toHaveProperty('problems.title');
    expect(readRewardForm({ ...NEW_REWARD, title: 'x'.repeat(46) })).toHaveProperty('problems.title');
    expect(readRewardForm({ ...NEW_REWARD, title: 'x'.repeat(45) })).toHaveProperty('input');
    for (const cost of ['', '0', '1.5', '1000001', 'lots'])
      expect(readRewardForm({ ...NEW_REWARD, title: 'x', cost })).toHaveProperty(
        'problems.cost',
        'a whole number of points from 1 to 1,000,000',
      );
  });
});

describe('a reward’s status in words', () => {
  it.each([
    { status: 'pending', failureReason: null, words: 'Creating on Twitch…' },
    { status: 'active', failureReason: null, words: 'Live on Twitch' },
    { status: 'deleting', failureReason: null, words: 'Removing…' },
    { status: 'failed', failureReason: 'the title is taken', words: 'Twitch refused: the title is taken' },
  ] as const)('$status reads “$words”', ({ status, failureReason, words }) => {
    expect(rewardStatusText({ status, failureReason })).toBe(words);
  });
});
