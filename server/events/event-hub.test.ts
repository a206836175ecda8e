import { afterEach, describe, expect, it, vi } from 'vitest';
import { describePostgres } from '../db/describe-each-database.js';
import { openPostgres } from '../db/open-database.js';
import { openTestDatabase } from '../db/test-database.js';
import { readSse } from '../testing/read-sse.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { EventHub } from './event-hub.js';
import { appendEvent } from './event-store.js';
import type { NewEvent, StudioEvent } from './studio-event.js';

const event = (channelId: string) =>
  ({ channelId, type: 'asset.deleted', audience: 'public', data: { id: 'x' } }) as NewEvent;

describe('event hub', () => {
  it('stores an event and hands it to the channel’s subscribers once', async () => {
    const database = await openTestDatabase();
    const hub = new EventHub(database);
    await hub.start();
    const mine: StudioEvent[] = [];
    const others: StudioEvent[] = [];
    hub.subscribe('a', (e) => mine.push(e));
    hub.subscribe('b', (e) => others.push(e));
    const types: StudioEvent[] = [];
    hub.subscribeType('asset.deleted', (e) => types.push(e));
    const stored = await appendEvent(database.db, event('a'));
    await vi.waitFor(() => expect(mine).toEqual([stored]));
    expect(types).toEqual([stored]);
    expect(others).toEqual([]);
    expect(await hub.replay('a', '0', 'all')).toEqual([stored]);
    await hub.stop();
    await database.close();
  });

  it('keeps delivering when one listener throws, and tells announcement listeners without reading', async () => {
    const database = await openTestDatabase();
    const hub = new EventHub(database);
    await hub.start();
    const seen: string[] = [];
    const announced: string[] = [];
    hub.subscribe('a', () => {
      throw new Error('a broken listener');
    });
    hub.subscribe('a', (e) => seen.push(e.id));
    hub.subscribeAnnouncements('asset.deleted', (a) => announced.push(`${a.channelId} ${a.id}`));
    const first = await appendEvent(database.db, event('a'));
    const second = await appendEvent(database.db, event('a'));
    // Nobody listens to channel b's events themselves: only the announcement is heard.
    const elsewhere = await appendEvent(database.db, event('b'));
    await vi.waitFor(() => expect(announced).toHaveLength(3));
    await vi.waitFor(() => expect(seen).toEqual([first.id, second.id]));
    expect(announced).toEqual([`a ${first.id}`, `a ${second.id}`, `b ${elsewhere.id}`]);
    await hub.stop();
    await database.close();
  });

  it('never delivers the event of a change that rolled back, and delivers in commit order', async () => {
    const database = await openTestDatabase();
    const hub = new EventHub(database);
    await hub.start();
    const seen: string[] = [];
    hub.subscribe('a', (e) => seen.push((e.data as { id: string }).id));
    await database.db
      .transaction(async (tx) => {
        await appendEvent(tx, { ...event('a'), data: { id: 'rolled back' } } as NewEvent);
        throw new Error('the change failed after its event was written');
      })
      .catch(() => {});
    for (const id of ['1', '2', '3'])
      await appendEvent(database.db, { ...event('a'), data: { id } } as NewEvent);
    await vi.waitFor(() => expect(seen).toEqual(['1', '2', '3']));
    expect((await hub.replay('a', '0', 'all')).map((e) => (e.data as { id: string }).id)).toEqual([
      '1',
      '2',
      '3',
    ]);
    await hub.stop();
    await database.close();
  });
});

describePostgres('events across server processes', ({ database }) => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
  });

  it('delivers an event stored by one process to subscribers of another, once each', async () => {
    const [a, b] = [await openPostgres(database().url!), await openPostgres(database().url!)];
    opened.push(a, b);
    const hubA = new EventHub(a);
    const hubB = new EventHub(b);
    await hubA.start();
    await hubB.start();
    opened.push({ close: () => hubA.stop() }, { close: () => hubB.stop() });
    const seenA: string[] = [];
    const seenB: string[] = [];
    hubA.subscribe('c1', (e) => seenA.push(e.id));
    hubB.subscribe('c1', (e) => seenB.push(e.id));
    const first = await appendEvent(a.db, event('c1'));
    const second = await appendEvent(b.db, event('c1'));
    await vi.waitFor(() => expect(seenB).toEqual(expect.arrayContaining([first.id, second.id])));
    await vi.waitFor(() => expect(seenA).toEqual(expect.arrayContaining([first.id, second.id])));
    // A third event, delivered after the first two, shows no duplicate of them was still on its way.
    const third = await appendEvent(a.db, event('c1'));
    await vi.waitFor(() => expect(seenA.at(-1)).toBe(third.id));
    await vi.waitFor(() => expect(seenB.at(-1)).toBe(third.id));
    expect(seenA).toEqual([first.id, second.id, third.id]);
    expect(seenB).toEqual([first.id, second.id, third.id]);
  });

  it('streams, on one server, a job another server’s worker completes', async () => {
    let front: TestStudio | undefined;
    let back: TestStudio | undefined;
    try {
      // `front` takes requests and holds the stream; only `back` runs a worker.
      front = await createTestStudio({ database: await openPostgres(database().url!), worker: false });
      back = await createTestStudio({ database: await openPostgres(database().url!) });
      opened.push(front.database, back.database);
      const stream = await front.call('/api/v1/events', { token: front.token('8001') });
      const created = await front.call('/api/v1/generate', {
        token: front.token('8001'),
        body: { assetType: 'emote', prompt: 'a relay baton' },
      });
      const { id } = (await created.json()) as { id: string };
      const { messages } = await readSse(stream, (m) => m.some((e) => e.event === 'job.completed'), 20_000);
      const completed = messages.find((m) => m.event === 'job.completed');
      expect(JSON.parse(completed!.data)).toMatchObject({ id, status: 'completed' });
      expect(messages.map((m) => m.event)).toContain('asset.created');
    } finally {
      await front?.close();
      await back?.close();
    }
  }, 40_000);
});
