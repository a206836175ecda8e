import { beforeAll, expect, it } from 'vitest';
import { ensureChannel } from '../channels/channel-store.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import {
  deleteRewardRow,
  findRewardByTwitchId,
  finishRewardDeletion,
  getChannelReward,
  insertWantedReward,
  listChannelRewards,
  listRewardsToSync,
  markRewardActive,
  markRewardDeleting,
  markRewardFailed,
  rewardTitleTaken,
} from './twitch-reward-store.js';

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 18, 0, second));

describeEachDatabase('Twitch reward store', ({ db }) => {
  beforeAll(async () => {
    for (const channel of ['r1', 'r2', 'r3', 'r4', 'other']) await ensureChannel(db(), channel);
  });

  const want = (channelId: string, title: string, second = 0) =>
    insertWantedReward(db(), { channelId, title, cost: 500, assetType: 'emote' }, at(second));

  it('stores a wanted reward as pending, lists the channel’s newest first, and keeps other channels out', async () => {
    const first = await want('r1', 'Make an emote', 1);
    const second = await want('r1', 'Make a badge', 2);
    await want('other', 'Someone else’s', 3);
    expect(first).toMatchObject({
      channelId: 'r1',
      title: 'Make an emote',
      cost: 500,
      assetType: 'emote',
      status: 'pending',
      twitchRewardId: null,
      failureReason: null,
      createdAt: at(1),
      updatedAt: at(1),
    });
    expect((await listChannelRewards(db(), 'r1')).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await getChannelReward(db(), 'r1', first.id)).toEqual(first);
    expect(await getChannelReward(db(), 'other', first.id)).toBeNull();
  });

  it('activates only a pending reward, and finds it by Twitch’s id', async () => {
    const reward = await want('r2', 'Emote please');
    const active = await markRewardActive(db(), reward.id, 'tw-1', at(5));
    expect(active).toMatchObject({ status: 'active', twitchRewardId: 'tw-1', updatedAt: at(5) });
    expect(await markRewardActive(db(), reward.id, 'tw-2')).toBeNull();
    expect(await findRewardByTwitchId(db(), 'tw-1')).toEqual(active);
    expect(await findRewardByTwitchId(db(), 'tw-unknown')).toBeNull();
  });

  it('deletes a reward outright only while it never reached Twitch, and marks one that did deleting', async () => {
    const never = await want('r3', 'Never made');
    expect(await markRewardDeleting(db(), 'r3', never.id)).toBeNull();
    expect(await deleteRewardRow(db(), 'other', never.id)).toBeNull();
    expect(await deleteRewardRow(db(), 'r3', never.id)).toMatchObject({ id: never.id });
    expect(await getChannelReward(db(), 'r3', never.id)).toBeNull();

    const made = await want('r3', 'Made');
    await markRewardActive(db(), made.id, 'tw-3');
    expect(await deleteRewardRow(db(), 'r3', made.id)).toBeNull();
    expect(await markRewardDeleting(db(), 'other', made.id)).toBeNull();
    expect(await markRewardDeleting(db(), 'r3', made.id, at(9))).toMatchObject({
      status: 'deleting',
      twitchRewardId: 'tw-3',
      updatedAt: at(9),
    });
    expect(await finishRewardDeletion(db(), made.id)).toBe(true);
    expect(await finishRewardDeletion(db(), made.id)).toBe(false);
    expect(await listChannelRewards(db(), 'r3')).toEqual([]);
  });

  it('does not let the runtime finish deleting a reward that is not being deleted', async () => {
    const live = await want('r3', 'Stays');
    expect(await finishRewardDeletion(db(), live.id)).toBe(false);
    expect(await getChannelReward(db(), 'r3', live.id)).not.toBeNull();
  });

  it('keeps Twitch’s reason for a refusal, and the runtime sees a failed reward no more', async () => {
    const refused = await want('r4', 'Too pricey');
    expect(
      await markRewardFailed(db(), refused.id, 'CREATE_CUSTOM_REWARD_DUPLICATE_REWARD', at(7)),
    ).toMatchObject({
      status: 'failed',
      failureReason: 'CREATE_CUSTOM_REWARD_DUPLICATE_REWARD',
      updatedAt: at(7),
    });
    expect((await listRewardsToSync(db(), 100)).map((r) => r.id)).not.toContain(refused.id);
    expect(await markRewardFailed(db(), '00000000-0000-4000-8000-000000000000', 'x')).toBeNull();
  });

  it('gives the runtime pending and deleting rewards, longest waiting first, up to its limit', async () => {
    const before = (await listRewardsToSync(db(), 1000)).map((r) => r.id);
    const late = await want('r4', 'Late', 40);
    const early = await want('r4', 'Early', 30);
    const leaving = await want('r4', 'Leaving', 20);
    await markRewardActive(db(), leaving.id, 'tw-4', at(21));
    await markRewardDeleting(db(), 'r4', leaving.id, at(35));
    const active = await want('r4', 'Active', 10);
    await markRewardActive(db(), active.id, 'tw-5', at(11));
    const fresh = (await listRewardsToSync(db(), 1000)).map((r) => r.id).filter((id) => !before.includes(id));
    expect(fresh).toEqual([early.id, leaving.id, late.id]);
    expect(await listRewardsToSync(db(), 2)).toHaveLength(2);
  });

  it('counts a title as taken in any case, except by a reward on its way out', async () => {
    const taken = await want('r4', 'Draw Me');
    expect(await rewardTitleTaken(db(), 'r4', 'draw me')).toBe(true);
    expect(await rewardTitleTaken(db(), 'other', 'draw me')).toBe(false);
    await markRewardActive(db(), taken.id, 'tw-6');
    await markRewardDeleting(db(), 'r4', taken.id);
    expect(await rewardTitleTaken(db(), 'r4', 'DRAW ME')).toBe(false);
  });
});
