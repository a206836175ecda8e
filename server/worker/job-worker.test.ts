import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../errors/index.js';
import { getJob } from '../jobs/job-store.js';
import {
  type GeneratedImage,
  type ImageProvider,
  type ImageRequest,
  PreviewImageProvider,
} from '../providers/index.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

/** A provider that answers each call from a script: an error to throw, 'hang' until aborted, or 'ok'. */
class ScriptedProvider implements ImageProvider {
  readonly name = 'scripted';
  readonly calls: { at: number; aborted: boolean }[] = [];
  readonly #preview = new PreviewImageProvider();
  constructor(private readonly script: (Error | 'hang' | 'ok')[]) {}

  async generate(request: ImageRequest, options: { signal?: AbortSignal } = {}): Promise<GeneratedImage> {
    const call = { at: Date.now(), aborted: false };
    this.calls.push(call);
    const step = this.script[this.calls.length - 1] ?? 'ok';
    if (step === 'hang') {
      return new Promise((_, reject) =>
        options.signal?.addEventListener('abort', () => {
          call.aborted = true;
          reject(options.signal?.reason);
        }),
      );
    }
    if (step instanceof Error) throw step;
    return this.#preview.generate(request, options);
  }
}

const unavailable = (retryAfterMs?: number) =>
  new StudioError('PROVIDER_UNAVAILABLE', 'the image service is down', {
    status: 503,
    retryable: true,
    ...(retryAfterMs ? { retryAfterMs } : {}),
  });

describe('job worker', () => {
  let studio: TestStudio | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await studio?.close();
    studio = undefined;
  });

  const generate = async (s: TestStudio, channelId: string) => {
    const response = await s.call('/api/v1/generate', {
      token: s.token(channelId),
      body: { assetType: 'emote', prompt: 'a bee' },
    });
    return ((await response.json()) as { id: string }).id;
  };

  /** Moves the clock the job store reads, so backoff passes without waiting for it. */
  const skipBackoff = (studio: TestStudio, channelId: string, id: string) =>
    vi.waitFor(
      async () => {
        const job = await getJob(studio.database.db, channelId, id);
        if (job?.status === 'queued' && job.retryCount > 0) vi.setSystemTime(job.runAt.getTime() + 1);
        expect(job?.status === 'completed' || job?.status === 'failed').toBe(true);
      },
      { timeout: 15_000, interval: 20 },
    );

  it('retries a retryable error with the policy’s backoff, then completes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const provider = new ScriptedProvider([unavailable(), unavailable(30_000), 'ok']);
    studio = await createTestStudio({ provider });
    const id = await generate(studio, '5001');
    await skipBackoff(studio, '5001', id);
    const job = await getJob(studio.database.db, '5001', id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 2, errorCode: null });
    expect(provider.calls).toHaveLength(3);
    const gaps = provider.calls.slice(1).map((call, i) => call.at - provider.calls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(30_000);
  });

  it('fails after three retries, keeping the last error', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const provider = new ScriptedProvider([unavailable(), unavailable(), unavailable(), unavailable(), 'ok']);
    studio = await createTestStudio({ provider });
    const id = await generate(studio, '5002');
    await skipBackoff(studio, '5002', id);
    expect(await getJob(studio.database.db, '5002', id)).toMatchObject({
      status: 'failed',
      retryCount: 3,
      errorCode: 'PROVIDER_UNAVAILABLE',
      errorMessage: 'the image service is down',
    });
    expect(provider.calls).toHaveLength(4);
  });

  it('fails at once, with one request, on an error retrying cannot fix', async () => {
    const provider = new ScriptedProvider([
      new StudioError('CONTENT_POLICY', 'the image service refused this subject'),
    ]);
    studio = await createTestStudio({ provider });
    const id = await generate(studio, '5003');
    expect(await studio.settle('5003', id)).toMatchObject({
      status: 'failed',
      retryCount: 0,
      errorCode: 'CONTENT_POLICY',
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('hides unexpected errors behind a generic message', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const secret = new Error('ECONNRESET at /internal/path with key=abc');
    const provider = new ScriptedProvider([secret, secret, secret, secret]);
    studio = await createTestStudio({ provider });
    const id = await generate(studio, '5004');
    await skipBackoff(studio, '5004', id);
    const job = await getJob(studio.database.db, '5004', id);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR' });
    expect(job?.errorMessage).not.toContain('internal');
  });

  it('aborts a running job that is cancelled and stores nothing for it', async () => {
    const provider = new ScriptedProvider(['hang']);
    studio = await createTestStudio({ provider });
    const id = await generate(studio, '5005');
    await vi.waitFor(() => expect(provider.calls).toHaveLength(1));
    const cancel = await studio.call(`/api/v1/jobs/${id}/cancel`, {
      token: studio.token('5005'),
      method: 'POST',
    });
    expect(cancel.status).toBe(200);
    await vi.waitFor(() => expect(provider.calls[0]!.aborted).toBe(true));
    await vi.waitFor(() => expect(studio!.worker.busy).toBe(0));
    expect(await getJob(studio.database.db, '5005', id)).toMatchObject({ status: 'cancelled' });
    const assets = (await (
      await studio.call(`/api/v1/jobs/${id}/assets`, { token: studio.token('5005') })
    ).json()) as {
      items: unknown[];
    };
    expect(assets.items).toEqual([]);
  });

  it('runs at most WORKER_CONCURRENCY jobs at once', async () => {
    const provider = new ScriptedProvider(['hang', 'hang', 'hang', 'hang']);
    studio = await createTestStudio({ provider, concurrency: 2 });
    for (let i = 0; i < 4; i++) await generate(studio, '5006');
    await vi.waitFor(() => expect(provider.calls).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(provider.calls).toHaveLength(2);
    expect(studio.worker.busy).toBe(2);
  });
});
