import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { countHit } from './rate-limit-store.js';

describeEachDatabase('rate-limit counters', ({ db }) => {
  it('counts every hit of a window exactly, even all at once, and starts again in the next', async () => {
    const now = new Date('2026-11-24T10:00:30.000Z');
    const hits = await Promise.all(Array.from({ length: 25 }, () => countHit(db(), 'burst', 60_000, now)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(hits[0]!.resetAt).toEqual(new Date('2026-11-24T10:01:00.000Z'));
    expect(await countHit(db(), 'burst', 60_000, new Date('2026-11-24T10:01:00.000Z'))).toMatchObject({
      count: 1,
    });
    expect(await countHit(db(), 'other', 60_000, now)).toMatchObject({ count: 1 });
  });
});

describe('limits a public backend needs', () => {
  let studio: TestStudio | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await studio?.close();
    studio = undefined;
  });

  it('answers a principal’s requests past the limit with 429 and Retry-After, and lifts it after', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-24T10:00:45.000Z'));
    studio = await createTestStudio({ worker: false, env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '5' } });
    const token = studio.token('9001');
    for (let i = 0; i < 5; i++) expect((await studio.call('/api/v1/jobs', { token })).status).toBe(200);
    const refused = await studio.call('/api/v1/jobs', { token });
    await expectApiError(refused.clone(), 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(14);
    expect(retryAfter).toBeLessThanOrEqual(15);
    // Another caller has an allowance of their own.
    expect((await studio.call('/api/v1/jobs', { token: studio.token('9011') })).status).toBe(200);
    vi.setSystemTime(Date.now() + retryAfter * 1000);
    expect((await studio.call('/api/v1/jobs', { token })).status).toBe(200);
  });

  it('limits a channel’s generations per minute, whoever asks, and lifts it after', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    studio = await createTestStudio({ worker: false, env: { RATE_LIMIT_GENERATES_PER_MINUTE: '3' } });
    // Set once the studio is up (seconds on a busy machine): the window starts with the requests.
    vi.setSystemTime(new Date('2026-11-24T10:00:00.000Z'));
    const generate = (token: string) =>
      studio!.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: 'a bee' } });
    const tokens = [studio.token('9002'), studio.token('9002'), studio.token('9002')];
    for (const token of tokens) expect((await generate(token)).status).toBe(202);
    const refused = await generate(studio.token('9002'));
    const error = await expectApiError(refused.clone(), 429, 'RATE_LIMITED');
    expect(error.message).toMatch(/generations/);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect((await generate(studio.token('9003'))).status).toBe(202);
    vi.setSystemTime(new Date('2026-11-24T10:01:00.000Z'));
    expect((await generate(studio.token('9002'))).status).toBe(202);
  });

  it('caps a channel’s queued jobs with QUEUE_FULL, and takes more once one ends', async () => {
    studio = await createTestStudio({ worker: false, env: { MAX_QUEUED_JOBS: '2' } });
    const token = studio.token('9004');
    const generate = () =>
      studio!.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: 'a bee' } });
    const first = await (await generate()).json();
    expect((await generate()).status).toBe(202);
    const refused = await generate();
    await expectApiError(refused.clone(), 429, 'QUEUE_FULL');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await studio.call(`/api/v1/jobs/${first.id}/cancel`, { token, method: 'POST' });
    expect((await generate()).status).toBe(202);
  });

  it('counts only generations that were queued: refusals by the queue cap use up nothing', async () => {
    studio = await createTestStudio({
      worker: false,
      env: { MAX_QUEUED_JOBS: '1', RATE_LIMIT_GENERATES_PER_MINUTE: '2' },
    });
    const token = studio.token('9007');
    const generate = () =>
      studio!.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: 'a bee' } });
    const first = await (await generate()).json();
    for (let i = 0; i < 5; i++) await expectApiError(await generate(), 429, 'QUEUE_FULL');
    await studio.call(`/api/v1/jobs/${first.id}/cancel`, { token, method: 'POST' });
    expect((await generate()).status).toBe(202);
  });

  it('caps the event streams one principal holds open, across the process', async () => {
    studio = await createTestStudio({ worker: false, env: { MAX_EVENT_STREAMS: '2' } });
    const token = studio.token('9005', 'viewer');
    const open = (as = token) => {
      const abort = new AbortController();
      return {
        abort,
        response: studio!.app.request(`/api/v1/events?token=${as}`, { signal: abort.signal }),
      };
    };
    const a = open();
    const b = open();
    expect((await a.response).status).toBe(200);
    expect((await b.response).status).toBe(200);
    const c = await open().response;
    await expectApiError(c, 429, 'RATE_LIMITED');
    // Someone else is not held to this principal's streams.
    const other = open(studio.token('9015', 'viewer'));
    expect((await other.response).status).toBe(200);
    a.abort.abort();
    await (await a.response).body?.cancel().catch(() => {});
    await vi.waitFor(async () => {
      const again = open();
      const response = await again.response;
      again.abort.abort();
      await response.body?.cancel().catch(() => {});
      expect(response.status).toBe(200);
    });
    b.abort.abort();
    other.abort.abort();
  });

  it('refuses a Last-Event-ID above what a bigint holds with 400, not a stream that closes', async () => {
    studio = await createTestStudio({ worker: false });
    for (const id of ['9999999999999999999', '9223372036854775808']) {
      const error = await expectApiError(
        await studio.call('/api/v1/events', {
          token: studio.token('9006'),
          headers: { 'Last-Event-ID': id },
        }),
        400,
        'INVALID_INPUT',
      );
      expect(error.message).toMatch(/last-event-id/i);
    }
    const ok = await studio.call('/api/v1/events', {
      token: studio.token('9006'),
      headers: { 'Last-Event-ID': '9223372036854775807' },
    });
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
  });
});
