import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import {
  ensureChannel,
  getChannel,
  setDailyGenerationBudget,
  setModeratorGenerate,
} from './channel-store.js';

describeEachDatabase('channel store', ({ db }) => {
  it('creates a channel once and keeps its settings on later calls', async () => {
    const created = await ensureChannel(db(), '1234', 'Some Streamer');
    expect(created).toMatchObject({
      id: '1234',
      displayName: 'Some Streamer',
      allowModeratorGenerate: false,
    });
    await setModeratorGenerate(db(), '1234', true);
    expect(await ensureChannel(db(), '1234')).toEqual({ ...created, allowModeratorGenerate: true });
    expect(await ensureChannel(db(), '1234', 'Renamed')).toMatchObject({
      displayName: 'Renamed',
      allowModeratorGenerate: true,
    });
  });

  it('follows the server’s default budget until one is set, and keeps "none" apart from it', async () => {
    expect(await ensureChannel(db(), '1235')).toMatchObject({ dailyGenerationBudget: 'default' });
    expect(await setDailyGenerationBudget(db(), '1235', 7)).toMatchObject({ dailyGenerationBudget: 7 });
    expect(await setDailyGenerationBudget(db(), '1235', null)).toMatchObject({ dailyGenerationBudget: null });
    expect(await getChannel(db(), '1235')).toMatchObject({ dailyGenerationBudget: null });
    expect(await setDailyGenerationBudget(db(), 'nobody', 3)).toBeNull();
    await expect(setDailyGenerationBudget(db(), '1235', -1)).rejects.toThrow();
  });

  it('names a channel after its id until it has a display name', async () => {
    expect(await ensureChannel(db(), 'local')).toMatchObject({ id: 'local', displayName: 'local' });
  });

  it('answers null for a channel it has never seen', async () => {
    expect(await getChannel(db(), 'nobody')).toBeNull();
    expect(await setModeratorGenerate(db(), 'nobody', true)).toBeNull();
  });
});
