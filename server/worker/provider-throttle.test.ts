import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BLIND_PAUSE_MS, MIN_PAUSE_MS, ProviderThrottle, type ThrottlePermit } from './provider-throttle.js';

/** An acquire whose outcome can be looked at without awaiting it. */
function track(promise: Promise<ThrottlePermit>) {
  const t: { permit?: ThrottlePermit; error?: unknown } = {};
  promise.then(
    (permit) => {
      t.permit = permit;
    },
    (error) => {
      t.error = error;
    },
  );
  return t;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('ProviderThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets maxConcurrency calls run at once; the others wait their turn in order', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 2 });
    const calls = [1, 2, 3, 4].map(() => track(throttle.acquire()));
    await flush();
    expect(calls.map((c) => Boolean(c.permit))).toEqual([true, true, false, false]);
    calls[1]!.permit!.release();
    await flush();
    expect(calls.map((c) => Boolean(c.permit))).toEqual([true, true, true, false]);
    expect(throttle.state()).toMatchObject({ limit: 2, inFlight: 2, waiting: 1 });
  });

  it('pauses every call for exactly the delay a 429 asked for', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 4 });
    const first = await throttle.acquire();
    first.rateLimited(38_000);
    expect(throttle.paused).toBe(true);
    const next = track(throttle.acquire());
    await vi.advanceTimersByTimeAsync(37_999);
    expect(next.permit).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.permit).toBeDefined();
    expect(throttle.paused).toBe(false);
  });

  it('ends a pause on time when the wall clock jumps (it re-reads Date while paused)', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 1 });
    (await throttle.acquire()).rateLimited(60_000);
    const next = track(throttle.acquire());
    vi.setSystemTime(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(250);
    expect(next.permit).toBeDefined();
  });

  it('halves the calls allowed on a 429, once per burst, and adds one back per success', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 8 });
    const burst = await Promise.all(Array.from({ length: 8 }, () => throttle.acquire()));
    // Eight calls sent together all come back 429: one slowdown, not three.
    expect(burst.map((p) => p.rateLimited(1000))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(throttle.state().limit).toBe(4);
    await vi.advanceTimersByTimeAsync(1000);
    // A call sent after the slowdown that is rate limited again halves again.
    (await throttle.acquire()).rateLimited(1000);
    expect(throttle.state().limit).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    const permits = await Promise.all([throttle.acquire(), throttle.acquire()]);
    const third = track(throttle.acquire());
    await flush();
    expect(third.permit).toBeUndefined();
    permits[0]!.succeeded();
    await flush();
    expect(third.permit).toBeDefined();
    expect(throttle.state().limit).toBe(3);
    for (let i = 0; i < 10; i++) (await throttle.acquire()).succeeded();
    expect(throttle.state().limit).toBe(8);
  });

  it('never goes below one call at a time', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 2 });
    for (let i = 0; i < 4; i++) {
      (await throttle.acquire()).rateLimited(10);
      await vi.advanceTimersByTimeAsync(MIN_PAUSE_MS);
    }
    expect(throttle.state().limit).toBe(1);
  });

  it('without a delay from the service, pauses 1 s, then 2 s, …, until a success', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 1 });
    const pauses: number[] = [];
    for (let i = 0; i < 3; i++) {
      (await throttle.acquire()).rateLimited();
      pauses.push(throttle.state().pausedUntil - Date.now());
      await vi.advanceTimersByTimeAsync(pauses.at(-1)!);
    }
    expect(pauses).toEqual([BLIND_PAUSE_MS, 2 * BLIND_PAUSE_MS, 4 * BLIND_PAUSE_MS]);
    (await throttle.acquire()).succeeded();
    (await throttle.acquire()).rateLimited();
    expect(throttle.state().pausedUntil - Date.now()).toBe(BLIND_PAUSE_MS);
  });

  it('pauses at least MIN_PAUSE_MS, even for "retry in 0s"', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 1 });
    (await throttle.acquire()).rateLimited(0);
    expect(throttle.state().pausedUntil - Date.now()).toBe(MIN_PAUSE_MS);
  });

  it('a waiting call that is aborted leaves the line with the abort reason', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 1 });
    const held = await throttle.acquire();
    const controller = new AbortController();
    const waiting = track(throttle.acquire(controller.signal));
    const after = track(throttle.acquire());
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await flush();
    expect(waiting.error).toBe(reason);
    held.release();
    await flush();
    expect(after.permit).toBeDefined();
    expect(throttle.state()).toMatchObject({ inFlight: 1, waiting: 0 });
  });

  it('reports a permit once: a second report changes nothing', async () => {
    const throttle = new ProviderThrottle({ maxConcurrency: 2 });
    const permit = await throttle.acquire();
    permit.succeeded();
    permit.release();
    expect(permit.rateLimited(5000)).toBe(false);
    expect(throttle.state()).toMatchObject({ inFlight: 0, limit: 2, pausedUntil: 0 });
  });

  it('says when a pause is over, so the worker claims again', async () => {
    const onOpen = vi.fn();
    const throttle = new ProviderThrottle({ maxConcurrency: 1, onOpen });
    (await throttle.acquire()).rateLimited(2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(onOpen).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});
