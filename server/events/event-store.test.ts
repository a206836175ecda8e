import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { InvalidInputError } from '../errors/index.js';
import { appendEvent, eventsSince, pruneEvents } from './event-store.js';

describeEachDatabase('event store', ({ db }) => {
  it('gives every appended event a larger id than the one before', async () => {
    const ids: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const event = await appendEvent(db(), {
        channelId: 'a',
        type: 'job.progress',
        audience: 'public',
        data: { i },
      });
      expect(event.id).toMatch(/^\d+$/);
      ids.push(BigInt(event.id));
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it("replays a channel's events after an id, for its audience, in order", async () => {
    const start = await appendEvent(db(), {
      channelId: 'b',
      type: 'job.queued',
      audience: 'private',
      data: 1,
    });
    const made = [
      await appendEvent(db(), { channelId: 'b', type: 'job.progress', audience: 'private', data: { n: 2 } }),
      await appendEvent(db(), { channelId: 'c', type: 'asset.created', audience: 'public', data: { n: 3 } }),
      await appendEvent(db(), { channelId: 'b', type: 'asset.created', audience: 'public', data: { n: 4 } }),
      await appendEvent(db(), { channelId: 'b', type: 'job.completed', audience: 'private', data: { n: 5 } }),
    ];
    const all = await eventsSince(db(), 'b', start.id, { audience: 'all', limit: 100 });
    expect(all.map((event) => event.data)).toEqual([{ n: 2 }, { n: 4 }, { n: 5 }]);
    expect(all[1]).toEqual(made[2]);
    const viewers = await eventsSince(db(), 'b', '0', { audience: 'public', limit: 100 });
    expect(viewers.map((event) => event.type)).toEqual(['asset.created']);
    expect(await eventsSince(db(), 'b', start.id, { audience: 'all', limit: 2 })).toHaveLength(2);
    await expect(eventsSince(db(), 'b', 'abc', { audience: 'all', limit: 1 })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it('prunes only events older than the cutoff', async () => {
    await appendEvent(db(), { channelId: 'p', type: 'job.queued', audience: 'public', data: {} });
    expect(await pruneEvents(db(), 60_000)).toBe(0);
    const pruned = await pruneEvents(db(), 60_000, new Date(Date.now() + 120_000));
    expect(pruned).toBeGreaterThan(0);
    expect(await eventsSince(db(), 'p', '0', { audience: 'all', limit: 10 })).toEqual([]);
  });
});
