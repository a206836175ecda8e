import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BRAND_KIT } from '../../brand/brand-kit.js';
import { createBrandKit, replaceBrandKitLogo } from '../../brand/brand-kit-store.js';
import { type AssetType, assetSpec } from '../../catalogue/index.js';
import type { Job } from '../../jobs/job.js';
import { getJob } from '../../jobs/job-store.js';
import type { ImageProvider } from '../../providers/index.js';
import { ClaimPasses } from '../../testing/claim-passes.js';
import { eventually } from '../../testing/eventually.js';
import { FakeGeminiServer, type FakeGeminiStep } from '../../testing/fake-gemini-server.js';
import { createTestStudio, type TestStudio } from '../../testing/test-studio.js';
import { GeminiImageProvider } from './gemini-image-provider.js';

const KEY = 'jobs-test-key';
const MODEL = 'gemini-2.5-flash-image';
/** The timeout of the requests a test asks to time out; every other request has one no test can reach. */
const TIMEOUT_MS = 300;
const PATIENT_TIMEOUT_MS = 10 * 60_000;

let fake: FakeGeminiServer;
let studio: TestStudio;
let channel = 7000;
const passes = new ClaimPasses();
/** How many of the next requests go out with `TIMEOUT_MS`, so only those can time out, however slow the machine. */
let shortTimeouts = 0;

beforeAll(async () => {
  fake = await FakeGeminiServer.start({ apiKey: KEY });
  const gemini = (timeoutMs: number) =>
    new GeminiImageProvider({ apiKey: KEY, model: MODEL, baseUrl: fake.url, timeoutMs });
  const [hasty, patient] = [gemini(TIMEOUT_MS), gemini(PATIENT_TIMEOUT_MS)];
  const provider: ImageProvider = {
    name: 'gemini',
    generate(request, options) {
      const chosen = shortTimeouts > 0 ? hasty : patient;
      shortTimeouts = Math.max(0, shortTimeouts - 1);
      return chosen.generate(request, options);
    },
  };
  // A lease far longer than any clock jump below, so a job waiting out a pause is not taken for lost.
  studio = await createTestStudio({ provider, leaseMs: 24 * 3_600_000, afterClaimPass: passes.record });
});
afterAll(async () => {
  await studio.close();
  await fake.close();
});
afterEach(async () => {
  // The worker (and its throttle) is shared: let a pause end on the clock that started it.
  await vi.waitFor(() => expect(studio.worker.throttle.state().pausedUntil).toBe(0));
  vi.useRealTimers();
  fake.reset();
  shortTimeouts = 0;
});

/** Queues one job on a fresh channel, with `steps` scripted for its requests. */
async function generate(steps: FakeGeminiStep[], assetType: AssetType = 'emote') {
  fake.script(...steps);
  const channelId = String(++channel);
  const response = await studio.call('/api/v1/generate', {
    token: studio.token(channelId),
    body: { assetType, prompt: 'a bee wearing sunglasses' },
  });
  expect(response.status).toBe(202);
  return { channelId, id: ((await response.json()) as { id: string }).id };
}

const read = async (channelId: string, id: string) => (await getJob(studio.database.db, channelId, id))!;

/** Every queued state the job passes through: how long it was told to wait, and why. */
type Wait = { delayMs: number; retryCount: number; errorCode: string | null };

/**
 * Runs the job to a final state, moving the clock (fake Date, stopped otherwise) to exactly the end
 * of every backoff and every throttle pause instead of waiting them out; returns the waits seen in the queue.
 */
async function settle(channelId: string, id: string): Promise<{ job: Job; waits: Wait[] }> {
  const waits: Wait[] = [];
  const job = await eventually(async () => {
    const current = await read(channelId, id);
    if (current.status === 'queued' && current.retryCount > waits.length) {
      waits.push({
        delayMs: current.runAt.getTime() - current.updatedAt.getTime(),
        retryCount: current.retryCount,
        errorCode: current.errorCode,
      });
    }
    // A pause is jumped over only once no request is out: its 429 has been answered.
    const { pausedUntil, inFlight } = studio.worker.throttle.state();
    const due = Math.max(
      current.status === 'queued' ? current.runAt.getTime() : 0,
      inFlight === 0 ? pausedUntil : 0,
    );
    if (due > Date.now()) vi.setSystemTime(due);
    expect(['completed', 'failed', 'cancelled']).toContain(current.status);
    return current;
  });
  return { job, waits };
}

/** Stops the clock: `Date` moves only when `settle` moves it, so the gaps between requests are exact. */
const fakeDate = () => vi.useFakeTimers({ toFake: ['Date'] });

/** Resolves once the worker has finished with every attempt and looked at the queue again. */
async function workerLookedAgain(): Promise<void> {
  await vi.waitFor(() => expect(studio.worker.busy).toBe(0));
  await passes.fresh(studio.worker);
}

describe('Gemini jobs through the worker', () => {
  it('asks for the catalogue’s aspect ratio and records model and token usage on the job', async () => {
    for (const assetType of ['emote', 'thumbnail', 'profile_banner'] as const) {
      fake.reset();
      const { channelId, id } = await generate([], assetType);
      const { job } = await settle(channelId, id);
      expect(job).toMatchObject({ status: 'completed', retryCount: 0, model: MODEL });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({
        path: `/v1beta/models/${MODEL}:generateContent`,
        apiKey: KEY,
        aspectRatio: assetSpec(assetType).aspectRatio,
        referenceImages: [],
      });
      expect(job.usage).toEqual({
        inputTokens: expect.any(Number),
        outputTokens: 1290,
        totalTokens: job.usage!.inputTokens! + 1290,
      });
      const shown = await (
        await studio.call(`/api/v1/jobs/${id}`, { token: studio.token(channelId) })
      ).json();
      expect(shown).toMatchObject({ model: MODEL, usage: job.usage });
    }
  });

  it('sends the brand kit’s logo as an inline reference image', async () => {
    const channelId = String(++channel);
    const kit = await createBrandKit(studio.database.db, channelId, DEFAULT_BRAND_KIT);
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#9146ff' } })
      .png()
      .toBuffer();
    const storageKey = `brand-kits/${kit.id}/logo.png`;
    await studio.storage.put({
      key: storageKey,
      data: logo,
      contentType: 'image/png',
      visibility: 'private',
    });
    await replaceBrandKitLogo(studio.database.db, channelId, kit.id, {
      storageKey,
      contentType: 'image/png',
      bytes: logo.length,
    });
    const response = await studio.call('/api/v1/generate', {
      token: studio.token(channelId),
      body: { assetType: 'alert', prompt: 'a bee' },
    });
    const { id } = (await response.json()) as { id: string };
    expect((await settle(channelId, id)).job.status).toBe('completed');
    expect(fake.requests[0]).toMatchObject({
      parts: ['text', 'image/png'],
      referenceImages: [{ mimeType: 'image/png', bytes: logo.length }],
    });
  });

  it('sends a refinement the parent’s source image, exactly as Gemini drew it, and the instruction', async () => {
    const { channelId, id } = await generate([{ kind: 'ok' }]);
    expect((await settle(channelId, id)).job.status).toBe('completed');
    const drawn = fake.requests[0]!.imageSha256;
    expect(drawn).toMatch(/^[0-9a-f]{64}$/);
    const token = studio.token(channelId);
    const made = (await (await studio.call(`/api/v1/jobs/${id}/assets`, { token })).json()) as {
      items: { id: string }[];
    };
    const parentId = made.items[0]!.id;
    const response = await studio.call(`/api/v1/assets/${parentId}/refine`, {
      token,
      body: { instruction: 'make the sunglasses pink' },
    });
    expect(response.status).toBe(202);
    const refinement = ((await response.json()) as { id: string }).id;
    expect((await settle(channelId, refinement)).job.status).toBe('completed');
    const sent = fake.requests[1]!;
    expect(sent.parts).toEqual(['text', 'image/png']);
    expect(sent.referenceImages.map((image) => image.sha256)).toEqual([drawn]);
    expect(sent.prompt).toContain('«make the sunglasses pink»');
    expect(sent.prompt).toMatch(/Edit the attached image/);
    // The key colour the parent was drawn on is asked for again, so the edit is keyed out the same way.
    expect(sent.prompt).toMatch(/solid flat #[0-9a-f]{6} background/i);
  });

  it('429: the job waits out RetryInfo without spending a retry, then completes', async () => {
    fakeDate();
    const { channelId, id } = await generate([{ kind: 'rate_limit', retryDelay: '38s' }]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 0, errorCode: null });
    expect(waits).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBe(38_000);
  });

  it('429 past the patience of one attempt: counted retries delayed by RetryInfo, then RATE_LIMITED', async () => {
    fakeDate();
    const daily = { kind: 'rate_limit', retryDelay: '3600s' } as const;
    const { channelId, id } = await generate([daily, daily, daily, daily, daily]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'failed', retryCount: 3, errorCode: 'RATE_LIMITED' });
    expect(job.errorMessage).toContain('quota');
    expect(fake.requests).toHaveLength(4);
    expect(waits).toEqual(
      [1, 2, 3].map((retryCount) => ({ delayMs: 3_600_000, retryCount, errorCode: 'RATE_LIMITED' })),
    );
  });

  it('503 twice: retried with the policy’s backoff (1 s, 2 s), then completes', async () => {
    fakeDate();
    const down = { kind: 'server_error', status: 503 } as const;
    const { channelId, id } = await generate([down, down]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 2, errorCode: null });
    expect(waits).toEqual([
      { delayMs: 1000, retryCount: 1, errorCode: 'PROVIDER_UNAVAILABLE' },
      { delayMs: 2000, retryCount: 2, errorCode: 'PROVIDER_UNAVAILABLE' },
    ]);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.slice(1).map((r, i) => r.at - fake.requests[i]!.at)).toEqual([1000, 2000]);
  });

  it('server errors and dropped connections four times: failed after 3 retries, 4 requests', async () => {
    fakeDate();
    const { channelId, id } = await generate([
      { kind: 'server_error', status: 500 },
      { kind: 'disconnect' },
      { kind: 'server_error', status: 502 },
      { kind: 'server_error', status: 504 },
    ]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'failed', retryCount: 3, errorCode: 'PROVIDER_UNAVAILABLE' });
    expect(waits.map((w) => w.delayMs)).toEqual([1000, 2000, 4000]);
    expect(fake.requests).toHaveLength(4);
  });

  it('a slow reply times out, the request is aborted, and the retry completes', async () => {
    fakeDate();
    shortTimeouts = 1;
    const { channelId, id } = await generate([{ kind: 'slow', delayMs: 3000 }]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 1 });
    expect(waits).toEqual([{ delayMs: 1000, retryCount: 1, errorCode: 'PROVIDER_TIMEOUT' }]);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.aborted).toBe(true);
  });

  it.each([
    ['a blocked prompt', { kind: 'prompt_blocked', blockReason: 'PROHIBITED_CONTENT' }],
    ['an IMAGE_SAFETY finish', { kind: 'finish_reason', finishReason: 'IMAGE_SAFETY' }],
  ] as const)('%s fails at once with CONTENT_POLICY after exactly one request', async (_, step) => {
    const { channelId, id } = await generate([step]);
    const { job } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'failed', retryCount: 0, errorCode: 'CONTENT_POLICY' });
    expect(job.errorMessage).toMatch(/^Gemini declined to draw this description/);
    await workerLookedAgain();
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [401, 'GEMINI_API_KEY'],
    [404, 'GEMINI_MODEL'],
  ] as const)('HTTP %i fails at once with PROVIDER_REJECTED naming %s', async (status, setting) => {
    const { channelId, id } = await generate([{ kind: 'http_error', status }]);
    const { job } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'failed', retryCount: 0, errorCode: 'PROVIDER_REJECTED' });
    expect(job.errorMessage).toContain(setting);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['a text-only reply', { kind: 'text_only' }],
    ['malformed base64', { kind: 'malformed_base64' }],
  ] as const)('%s is NO_IMAGE: retried once under the policy, then completes', async (_, step) => {
    fakeDate();
    const { channelId, id } = await generate([step]);
    const { job, waits } = await settle(channelId, id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 1 });
    expect(waits).toEqual([{ delayMs: 1000, retryCount: 1, errorCode: 'NO_IMAGE' }]);
    expect(fake.requests).toHaveLength(2);
  });

  it('a cancel aborts the in-flight request and nothing is retried', async () => {
    const { channelId, id } = await generate([{ kind: 'slow', delayMs: 10_000 }]);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const cancel = await studio.call(`/api/v1/jobs/${id}/cancel`, {
      token: studio.token(channelId),
      method: 'POST',
    });
    expect(cancel.status).toBe(200);
    await vi.waitFor(() => expect(fake.requests[0]!.aborted).toBe(true));
    await workerLookedAgain();
    expect(await read(channelId, id)).toMatchObject({ status: 'cancelled', retryCount: 0 });
    expect(fake.requests).toHaveLength(1);
  });
});
