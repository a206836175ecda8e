import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedError, StudioError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import type { GeneratedImage, ImageProvider, ImageRequest } from '../providers/index.js';
import { ProviderThrottle } from './provider-throttle.js';
import { MAX_RATE_LIMIT_WAITS, RATE_LIMIT_PATIENCE_MS, ThrottledProvider } from './throttled-provider.js';

const image: GeneratedImage = { data: Buffer.from('png'), mimeType: 'image/png', model: 'm', usage: {} };
const request = {} as ImageRequest;
const rateLimited = (retryAfterMs?: number) =>
  new RateLimitedError('quota', { details: { provider: 'test' }, ...(retryAfterMs ? { retryAfterMs } : {}) });

/** Answers each call from a script (an error to throw, or the image), noting when it was called. */
function scripted(steps: (Error | 'ok')[]) {
  const calls: number[] = [];
  const provider: ImageProvider = {
    name: 'scripted',
    async generate() {
      calls.push(Date.now());
      const step = steps[calls.length - 1] ?? 'ok';
      if (step instanceof Error) throw step;
      return image;
    },
  };
  return { provider, calls };
}

const throttled = (inner: ImageProvider, throttle = new ProviderThrottle({ maxConcurrency: 2 })) =>
  new ThrottledProvider(inner, throttle, { logger: createLogger('silent') });

describe('ThrottledProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out a 429 inside the attempt and asks again after the delay', async () => {
    const { provider, calls } = scripted([rateLimited(38_000), 'ok']);
    const result = throttled(provider).generate(request);
    await vi.advanceTimersByTimeAsync(38_000);
    await expect(result).resolves.toBe(image);
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBe(38_000);
  });

  it('passes every other error straight through, after one call', async () => {
    const down = new StudioError('PROVIDER_UNAVAILABLE', 'down', { retryable: true });
    const { provider, calls } = scripted([down]);
    await expect(throttled(provider).generate(request)).rejects.toBe(down);
    expect(calls).toHaveLength(1);
  });

  it('ends the attempt with the 429 when waiting would outlast its patience', async () => {
    const tooLong = rateLimited(RATE_LIMIT_PATIENCE_MS + 1000);
    const { provider, calls } = scripted([rateLimited(60_000), tooLong, 'ok']);
    const result = throttled(provider).generate(request);
    const settled = expect(result).rejects.toBe(tooLong);
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(calls).toHaveLength(2);
  });

  it(`waits out at most ${MAX_RATE_LIMIT_WAITS} 429s in one attempt`, async () => {
    const { provider, calls } = scripted(Array.from({ length: 50 }, () => rateLimited(1000)));
    const result = throttled(provider).generate(request);
    const settled = expect(result).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(calls).toHaveLength(MAX_RATE_LIMIT_WAITS);
  });

  it('holds other jobs’ calls during the pause one job’s 429 started', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 2 });
    const a = scripted([rateLimited(5000), 'ok']);
    const b = scripted(['ok']);
    const first = throttled(a.provider, throttle).generate(request);
    await vi.advanceTimersByTimeAsync(0);
    const second = throttled(b.provider, throttle).generate(request);
    await vi.advanceTimersByTimeAsync(4999);
    expect(b.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);
    expect(b.calls).toHaveLength(1);
  });

  it('a cancel while waiting out a pause leaves with the cancel reason and no further call', async () => {
    const { provider, calls } = scripted([rateLimited(30_000), 'ok']);
    const controller = new AbortController();
    const result = throttled(provider).generate(request, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(1);
  });
});
