import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../server/testing/test-studio.js';
import { createStudioClient, unwrap } from './api-client.js';
import { type Clock, type EventStream, type EventStreamStatus, openEventStream } from './event-stream.js';
import type { FetchLike } from './fetch-like.js';
import type { StudioStreamEvent } from './studio-stream-event.js';

/** Resolves once `check` passes, polling on the real event loop. */
async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const opened: EventStream[] = [];
afterEach(() => {
  for (const stream of opened.splice(0)) stream.close();
});

describe('openEventStream against an in-process server', () => {
  let studio: TestStudio;
  const fetch: FetchLike = (input, init) => studio.app.fetch(new Request(input, init));
  const baseUrl = 'http://studio.test';

  beforeAll(async () => {
    studio = await createTestStudio({});
  });
  afterAll(() => studio.close());

  function follow(channelId: string, lastEventId?: string) {
    const events: StudioStreamEvent[] = [];
    const statuses: EventStreamStatus[] = [];
    const stream = openEventStream({
      baseUrl,
      getToken: () => studio.token(channelId),
      fetch,
      ...(lastEventId ? { lastEventId } : {}),
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
    });
    opened.push(stream);
    return { stream, events, statuses };
  }

  const queue = (channelId: string, prompt: string) =>
    unwrap(
      createStudioClient({ baseUrl, getToken: () => studio.token(channelId), fetch }).api.v1.generate.$post({
        header: {},
        json: { assetType: 'emote', prompt },
      }),
    );

  const jobIdOf = (event: StudioStreamEvent) => (event.type.startsWith('job.') ? event.data.id : undefined);
  const assetJobOf = (event: StudioStreamEvent) =>
    event.type === 'asset.created' ? event.data.jobId : undefined;

  it('delivers a job’s events, typed, then resumes after a close with exactly what was missed', async () => {
    const first = follow('chan-stream');
    await eventually(() => first.statuses.some((s) => s.state === 'open'));
    expect(first.statuses.slice(0, 2)).toEqual([
      { state: 'connecting', attempt: 0 },
      { state: 'open', channelId: 'chan-stream' },
    ]);

    const job1 = await queue('chan-stream', 'a cat in sunglasses');
    await eventually(
      () =>
        first.events.some((e) => e.type === 'job.completed') &&
        first.events.some((e) => e.type === 'asset.created'),
    );
    const jobEvents = first.events.filter((e) => jobIdOf(e) === job1.id);
    expect(jobEvents[0]?.type).toBe('job.queued');
    expect(jobEvents.at(-1)?.type).toBe('job.completed');
    const completed = jobEvents.at(-1)!;
    if (completed.type !== 'job.completed') throw new Error('narrowing');
    expect(completed.data).toMatchObject({ id: job1.id, status: 'completed', progress: 100 });
    const created = first.events.find((e) => e.type === 'asset.created')!;
    if (created.type !== 'asset.created') throw new Error('narrowing');
    expect(created.data).toMatchObject({ jobId: job1.id, assetType: 'emote' });
    expect(created.data.files).toHaveLength(3);
    expect(first.stream.lastEventId).toBe(first.events.at(-1)!.id);

    first.stream.close();
    expect(first.statuses.at(-1)).toEqual({ state: 'closed', reason: 'closed' });
    const seenBeforeClose = first.events.length;
    const job2 = await queue('chan-stream', 'a dog in a hat');
    await studio.settle('chan-stream', job2.id);
    expect(first.events).toHaveLength(seenBeforeClose);

    const second = follow('chan-stream', first.stream.lastEventId);
    await eventually(
      () =>
        second.events.some((e) => e.type === 'job.completed') &&
        second.events.some((e) => e.type === 'asset.created'),
    );
    // Give a duplicate (replay overlapping live delivery) the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ids = second.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => BigInt(id) > BigInt(first.stream.lastEventId!))).toBe(true);
    expect(second.events.every((e) => (jobIdOf(e) ?? assetJobOf(e)) === job2.id)).toBe(true);
    expect(second.events[0]?.type).toBe('job.queued');
    expect(second.events.filter((e) => e.type === 'job.completed')).toHaveLength(1);
    expect(second.events.filter((e) => e.type === 'asset.created')).toHaveLength(1);
  });

  it('stops without retrying when the server refuses the token (401)', async () => {
    const calls: string[] = [];
    const timers: number[] = [];
    const statuses: EventStreamStatus[] = [];
    const stream = openEventStream({
      baseUrl,
      getToken: () => 'not-a-token',
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
      onEvent: () => {},
      onStatus: (status) => statuses.push(status),
      clock: { setTimeout: (_, ms) => timers.push(ms), clearTimeout: () => {}, now: () => 0 },
    });
    opened.push(stream);
    await eventually(() => statuses.some((s) => s.state === 'closed'));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(calls).toEqual(['http://studio.test/api/v1/events']);
    expect(timers).toEqual([]);
    expect(statuses).toEqual([
      { state: 'connecting', attempt: 0 },
      {
        state: 'closed',
        reason: 'refused',
        error: expect.objectContaining({ status: 401, code: 'UNAUTHORIZED' }),
      },
    ]);
  });
});

/** A hand-driven clock: timers run when the test says so. */
function manualClock() {
  let now = 0;
  const pending: { callback: () => void; ms: number }[] = [];
  const clock: Clock = {
    setTimeout: (callback, ms) => pending.push({ callback, ms }),
    clearTimeout: () => {},
    now: () => now,
  };
  return {
    clock,
    delays: () => pending.map((timer) => timer.ms),
    advance: (ms: number) => {
      now += ms;
    },
    fireNext: () => pending.at(-1)!.callback(),
  };
}

/** An event-stream response whose body the test writes and ends. */
function sseResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      cancelled = true;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    /** True once the client let go of the body (the server side then unsubscribes). */
    cancelled: () => cancelled,
    write: (text: string | Uint8Array) =>
      controller.enqueue(typeof text === 'string' ? encoder.encode(text) : text),
    end: () => controller.close(),
  };
}

const unavailable = () =>
  new Response(JSON.stringify({ error: { code: 'PROVIDER_UNAVAILABLE', message: 'restarting' } }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });

describe('openEventStream reconnecting', () => {
  it('backs off exponentially with jitter up to the cap, restarting from the server’s retry after a healthy connection', async () => {
    const time = manualClock();
    const requests: Request[] = [];
    const answers: (() => Response)[] = [
      unavailable,
      () => {
        throw new TypeError('fetch failed');
      },
      unavailable,
      unavailable,
    ];
    const healthy = sseResponse();
    const flaky = sseResponse();
    answers.push(
      () => healthy.response,
      () => flaky.response,
    );
    let token = 'first-token';
    const statuses: EventStreamStatus[] = [];
    const stream = openEventStream({
      baseUrl: 'http://studio.test/',
      getToken: () => token,
      fetch: (input, init) => {
        requests.push(new Request(input, init));
        return answers.shift()!();
      },
      onEvent: () => {},
      onStatus: (status) => statuses.push(status),
      retry: { baseMs: 1000, maxMs: 5000, healthyMs: 10_000 },
      clock: time.clock,
      random: () => 0.5,
    });
    opened.push(stream);

    for (let failures = 1; failures <= 4; failures++) {
      await eventually(() => time.delays().length === failures);
      time.fireNext();
    }
    // 1000, 2000, 4000, then capped at 5000; each 3/4 of it with random() = 0.5.
    expect(time.delays()).toEqual([750, 1500, 3000, 3750]);

    await eventually(() => requests.length === 5);
    healthy.write('retry: 2000\nevent: ready\ndata: {"channelId":"c1"}\n\n');
    healthy.write('id: 41\nevent: job.queued\ndata: {"id":"j1"}\n\n');
    await eventually(() => stream.lastEventId === '41');
    time.advance(10_000);
    token = 'second-token';
    healthy.end();
    await eventually(() => time.delays().length === 5);
    // Healthy for 10 s: back to the first wait, from the server's 2000 ms.
    expect(time.delays()[4]).toBe(1500);
    expect(statuses.at(-1)).toEqual({
      state: 'reconnecting',
      attempt: 1,
      delayMs: 1500,
      reason: 'the server ended the stream',
    });

    time.fireNext();
    await eventually(() => requests.length === 6);
    expect(requests[5]!.headers.get('last-event-id')).toBe('41');
    expect(requests[5]!.headers.get('authorization')).toBe('Bearer second-token');
    expect(requests[0]!.headers.get('last-event-id')).toBeNull();
    expect(requests[0]!.url).toBe('http://studio.test/api/v1/events');

    flaky.write('event: ready\ndata: {"channelId":"c1"}\n\n');
    flaky.end();
    await eventually(() => time.delays().length === 6);
    // Dropped at once: not healthy, so the wait grows again.
    expect(time.delays()[5]).toBe(3000);
  });

  it('types the events it knows, skips unknown names and bad JSON, and decodes UTF-8 split between chunks', async () => {
    const body = sseResponse();
    const events: StudioStreamEvent[] = [];
    const stream = openEventStream({
      baseUrl: 'http://studio.test',
      getToken: () => 't',
      fetch: () => body.response,
      onEvent: (event) => events.push(event),
      clock: manualClock().clock,
    });
    opened.push(stream);
    const bytes = new TextEncoder().encode('id: 2\nevent: asset.deleted\ndata: {"id":"é"}\n\n');
    const accent = bytes.indexOf(0xc3);
    body.write('id: 1\nevent: chat.message\ndata: {"id":"x"}\n\n');
    body.write('event: job.queued\ndata: not json\n\n');
    body.write(bytes.slice(0, accent + 1));
    body.write(bytes.slice(accent + 1));
    await eventually(() => events.length > 0);

    expect(events).toEqual([{ id: '2', type: 'asset.deleted', data: { id: 'é' } }]);
  });

  it('aborts the request and lets go of the body when closed', async () => {
    const body = sseResponse();
    let signal: AbortSignal | undefined;
    const events: StudioStreamEvent[] = [];
    const time = manualClock();
    const stream = openEventStream({
      baseUrl: 'http://studio.test',
      getToken: () => 't',
      fetch: (_, init) => {
        signal = init?.signal ?? undefined;
        return body.response;
      },
      onEvent: (event) => events.push(event),
      clock: time.clock,
    });
    body.write('event: ready\ndata: {"channelId":"c1"}\n\n');
    await eventually(() => signal !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.close();
    expect(signal?.aborted).toBe(true);
    // A fetch that ignores the signal (as a Hono app's does) must not keep the server's stream open.
    await eventually(() => body.cancelled(), 1000);
    try {
      body.write('id: 3\nevent: asset.deleted\ndata: {"id":"a"}\n\n');
    } catch {
      // The body was cancelled: nothing more can arrive, which is the point.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    expect(time.delays()).toEqual([]);
  });
});
