import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import { getJob, queueDepth } from '../jobs/job-store.js';
import {
  type GeneratedImage,
  type ImageProvider,
  type ImageRequest,
  PreviewImageProvider,
} from '../providers/index.js';
import { ClaimPasses } from '../testing/claim-passes.js';
import { eventually } from '../testing/eventually.js';
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

  /** A studio on a stopped clock (fake `Date`, moved by nothing but the test) whose claim passes can be awaited. */
  const stoppedStudio = async (provider: ImageProvider) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const passes = new ClaimPasses();
    return { studio: await createTestStudio({ provider, afterClaimPass: passes.record }), passes };
  };

  /**
   * Runs a job to a final state on the stopped clock. At each retry it checks the backoff as a
   * number: a millisecond before `run_at` the worker looks at the queue and leaves the job there,
   * then the clock moves to `run_at` exactly. Returns the delay the queue was told to wait each time.
   */
  const settleOnStoppedClock = async (
    { studio, passes }: { studio: TestStudio; passes: ClaimPasses },
    channelId: string,
    id: string,
  ) => {
    const delays: number[] = [];
    const read = async () => (await getJob(studio.database.db, channelId, id)) as Job;
    for (;;) {
      const job = await eventually(async () => {
        const current = await read();
        const retried = current.status === 'queued' && current.retryCount > delays.length;
        expect(retried || current.status === 'completed' || current.status === 'failed').toBe(true);
        return current;
      });
      if (job.status !== 'queued') return { job, delays };
      delays.push(job.runAt.getTime() - job.updatedAt.getTime());
      vi.setSystemTime(job.runAt.getTime() - 1);
      await passes.fresh(studio.worker);
      expect(await read()).toMatchObject({ status: 'queued', retryCount: job.retryCount });
      vi.setSystemTime(job.runAt);
    }
  };

  it('retries a retryable error with the policy’s backoff, then completes', async () => {
    const provider = new ScriptedProvider([unavailable(), unavailable(30_000), 'ok']);
    const stopped = await stoppedStudio(provider);
    studio = stopped.studio;
    const id = await generate(studio, '5001');
    const { job, delays } = await settleOnStoppedClock(stopped, '5001', id);
    expect(job).toMatchObject({ status: 'completed', retryCount: 2, errorCode: null });
    // The policy's first backoff, then the provider's longer delay instead of the policy's 2 s.
    expect(delays).toEqual([1000, 30_000]);
    expect(provider.calls).toHaveLength(3);
    // Time moved only to each run_at, so the calls are exactly those delays apart.
    const gaps = provider.calls.slice(1).map((call, i) => call.at - provider.calls[i]!.at);
    expect(gaps).toEqual([1000, 30_000]);
  });

  it('fails after three retries, keeping the last error', async () => {
    const provider = new ScriptedProvider([unavailable(), unavailable(), unavailable(), unavailable(), 'ok']);
    const stopped = await stoppedStudio(provider);
    studio = stopped.studio;
    const id = await generate(studio, '5002');
    await settleOnStoppedClock(stopped, '5002', id);
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
    const secret = new Error('ECONNRESET at /internal/path with key=abc');
    const provider = new ScriptedProvider([secret, secret, secret, secret]);
    const stopped = await stoppedStudio(provider);
    studio = stopped.studio;
    const id = await generate(studio, '5004');
    const { job } = await settleOnStoppedClock(stopped, '5004', id);
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
    const passes = new ClaimPasses();
    studio = await createTestStudio({ provider, concurrency: 2, afterClaimPass: passes.record });
    for (let i = 0; i < 4; i++) await generate(studio, '5006');
    await vi.waitFor(() => expect(provider.calls).toHaveLength(2));
    // The worker looks at the queue again with all four jobs in it; it must leave two there.
    await passes.fresh(studio.worker);
    expect(await queueDepth(studio.database.db)).toEqual({ queued: 2, processing: 2 });
    expect(provider.calls).toHaveLength(2);
    expect(studio.worker.busy).toBe(2);
  });
});
