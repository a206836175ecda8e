import { OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStreams } from '../db/schema.js';
import type { AppEnv } from '../http/app-env.js';
import { readSse, type SseMessage } from '../testing/read-sse.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { eventRoutes } from './event-routes.js';

const types = (messages: SseMessage[]) => messages.map((m) => m.event);
const completedJob = (id: string) => (messages: SseMessage[]) =>
  messages.some((m) => m.event === 'job.completed' && JSON.parse(m.data).id === id);

describe('GET /api/v1/events', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio();
  });
  afterAll(() => studio.close());

  const generate = async (channelId: string, visibility: 'public' | 'private' = 'private') => {
    const response = await studio.call('/api/v1/generate', {
      token: studio.token(channelId),
      body: { assetType: 'sub_badge', prompt: 'a crown', visibility },
    });
    return ((await response.json()) as { id: string }).id;
  };

  it('streams a channel’s job and asset events, and nothing of another channel', async () => {
    const stream = await studio.call('/api/v1/events', { token: studio.token('4001') });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reading = readSse(stream, (messages) => messages.some((m) => m.event === 'job.completed'));
    const other = await generate('4002');
    await studio.settle('4002', other);
    const own = await generate('4001');
    const { messages } = await reading;
    const events = messages.filter((m) => m.event !== 'ready');
    expect(types(events)).toContain('job.queued');
    expect(types(events)).toContain('job.progress');
    expect(types(events).slice(-2)).toEqual(['asset.created', 'job.completed']);
    for (const m of events) {
      const data = JSON.parse(m.data);
      expect(data.channelId).toBe('4001');
      expect([data.id, data.jobId]).toContain(own);
    }
    const ids = events.map((m) => BigInt(m.id!));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    const asset = JSON.parse(events.find((m) => m.event === 'asset.created')!.data);
    expect(asset.files).toHaveLength(3);
  });

  it('replays what a client missed after Last-Event-ID, without repeats', async () => {
    const first = await studio.call('/api/v1/events', { token: studio.token('4003') });
    const job = await generate('4003');
    const { messages } = await readSse(first, completedJob(job));
    const seen = messages.filter((m) => m.id);
    const cut = seen[1]!;
    const again = await studio.call('/api/v1/events', {
      token: studio.token('4003'),
      headers: { 'Last-Event-ID': cut.id! },
    });
    const replay = await readSse(again, completedJob(job));
    expect(replay.messages.filter((m) => m.id).map((m) => m.id)).toEqual(seen.slice(2).map((m) => m.id));
  });

  it('accepts the token as a query parameter, for EventSource', async () => {
    const response = await studio.app.request(`/api/v1/events?token=${studio.token('4004')}`);
    expect(response.status).toBe(200);
    const { messages } = await readSse(response, (m) => m.length > 0);
    expect(messages[0]).toMatchObject({ event: 'ready' });
    expect((await studio.app.request(`/api/v1/jobs?token=${studio.token('4004')}`)).status).toBe(401);
  });

  it('sends viewers public events only', async () => {
    const stream = await studio.call('/api/v1/events', { token: studio.token('4005', 'viewer') });
    const reading = readSse(stream, (messages) => messages.some((m) => m.event === 'job.completed'));
    const hidden = await generate('4005', 'private');
    await studio.settle('4005', hidden);
    const shown = await generate('4005', 'public');
    const { messages } = await reading;
    const jobIds = messages.filter((m) => m.event.startsWith('job.')).map((m) => JSON.parse(m.data).id);
    expect(jobIds).not.toContain(hidden);
    expect(jobIds).toContain(shown);
  });

  it('refuses a bad Last-Event-ID and a missing token', async () => {
    const bad = await studio.call('/api/v1/events', {
      token: studio.token('4006'),
      headers: { 'Last-Event-ID': 'abc' },
    });
    expect(bad.status).toBe(400);
    expect((await studio.app.request('/api/v1/events')).status).toBe(401);
  });

  it('answers HEAD with a stream’s headers and leaves no stream open behind it', async () => {
    const token = studio.token('4008');
    for (let i = 0; i < 3; i++) {
      const head = await studio.app.request('/api/v1/events', {
        method: 'HEAD',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toContain('text/event-stream');
    }
    const leases = await studio.database.db
      .select()
      .from(eventStreams)
      .where(eq(eventStreams.principal, 'twitch:U4008'));
    expect(leases).toEqual([]);
  });

  it('keeps an idle stream open with heartbeat comments', async () => {
    const app = new OpenAPIHono<AppEnv>();
    app.use(async (c, next) => {
      c.set('caller', {
        channelId: '4007',
        role: 'broadcaster',
        userId: null,
        principal: 'twitch:U4007',
        via: 'extension_jwt',
      });
      await next();
    });
    app.route('/', eventRoutes(studio.deps, { heartbeatMs: 20 }));
    const { comments } = await readSse(await app.request('/events'), (_, count) => count >= 3, 5000);
    expect(comments).toBeGreaterThanOrEqual(3);
  });
});
