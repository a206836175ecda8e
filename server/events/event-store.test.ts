import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { InvalidInputError } from '../errors/index.js';
import { appendEvent, eventsSince, getEvents, parseAnnouncement, pruneEvents } from './event-store.js';
import type { NewEvent } from './studio-event.js';

/** An event whose payload is a marker the test can find again; the stream carries any JSON. */
const marked = (channelId: string, type: NewEvent['type'], audience: NewEvent['audience'], n: number) =>
  ({ channelId, type, audience, data: { id: String(n) } }) as NewEvent;

describeEachDatabase('event store', ({ db }) => {
  it('gives every appended event a larger id than the one before', async () => {
    const ids: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const event = await appendEvent(db(), marked('a', 'job.progress', 'public', i));
      expect(event.id).toMatch(/^\d+$/);
      ids.push(BigInt(event.id));
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it("replays a channel's events after an id, for its audience, in order", async () => {
    const start = await appendEvent(db(), marked('b', 'job.queued', 'private', 1));
    const made = [
      await appendEvent(db(), marked('b', 'job.progress', 'private', 2)),
      await appendEvent(db(), marked('c', 'asset.created', 'public', 3)),
      await appendEvent(db(), marked('b', 'asset.created', 'public', 4)),
      await appendEvent(db(), marked('b', 'job.completed', 'private', 5)),
    ];
    const all = await eventsSince(db(), 'b', start.id, { audience: 'all', limit: 100 });
    expect(all.map((event) => event.data)).toEqual([{ id: '2' }, { id: '4' }, { id: '5' }]);
    expect(all[1]).toEqual(made[2]);
    const viewers = await eventsSince(db(), 'b', '0', { audience: 'public', limit: 100 });
    expect(viewers.map((event) => event.type)).toEqual(['asset.created']);
    expect(await eventsSince(db(), 'b', start.id, { audience: 'all', limit: 2 })).toHaveLength(2);
    await expect(eventsSince(db(), 'b', 'abc', { audience: 'all', limit: 1 })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it('prunes only events older than the cutoff', async () => {
    await appendEvent(db(), marked('p', 'job.queued', 'public', 0));
    expect(await pruneEvents(db(), 60_000)).toBe(0);
    const pruned = await pruneEvents(db(), 60_000, new Date(Date.now() + 120_000));
    expect(pruned).toBeGreaterThan(0);
    expect(await eventsSince(db(), 'p', '0', { audience: 'all', limit: 10 })).toEqual([]);
  });

  it('reads announced events back in the order asked, leaving out pruned ones', async () => {
    const a = await appendEvent(db(), marked('r', 'job.queued', 'public', 1));
    const b = await appendEvent(db(), marked('r', 'job.progress', 'public', 2));
    expect(await getEvents(db(), [b.id, a.id, '999999999'])).toEqual([b, a]);
    expect(await getEvents(db(), [])).toEqual([]);
  });
});

it('parses the announcements it writes and ignores anything else', () => {
  expect(parseAnnouncement('42 job.queued 12345')).toEqual({
    id: '42',
    type: 'job.queued',
    channelId: '12345',
  });
  expect(parseAnnouncement('42 asset.deleted a channel with spaces')).toMatchObject({
    channelId: 'a channel with spaces',
  });
  for (const bad of ['', 'x job.queued 1', '42', '42 job.queued', 'old-origin 1 2'])
    expect(parseAnnouncement(bad)).toBeNull();
});
