import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JobState, transition } from './job-state-machine.js';
import { backoffMs, decideRetry, MAX_RETRIES } from './retry-policy.js';

type Attempt = { kind: 'ok' } | { kind: 'fatal' } | { kind: 'transient'; providerDelayMs?: number };

const attemptArb: fc.Arbitrary<Attempt> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'ok' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fatal' } as const) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('transient' as const),
      providerDelayMs: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined }),
    }),
  },
);

/** Drives one job the way the worker does, attempt after attempt, until it is final. */
function run(attempts: Attempt[]) {
  let state: JobState = { status: 'queued', retryCount: 0 };
  const delays: { delayMs: number; providerDelayMs: number | undefined; retryNumber: number }[] = [];
  let requests = 0;
  for (const attempt of attempts) {
    if (state.status !== 'queued') break;
    state = transition(state, { type: 'claim' }).state;
    requests += 1;
    if (attempt.kind === 'ok') state = transition(state, { type: 'complete' }).state;
    else if (attempt.kind === 'fatal')
      state = transition(state, { type: 'fail', code: 'CONTENT_POLICY', message: 'f' }).state;
    else {
      const event = {
        type: 'retry',
        code: 'PROVIDER_UNAVAILABLE',
        message: 't',
        providerDelayMs: attempt.providerDelayMs,
      } as const;
      const next = transition(state, event);
      if (next.delayMs !== undefined) {
        delays.push({
          delayMs: next.delayMs,
          providerDelayMs: attempt.providerDelayMs,
          retryNumber: next.state.retryCount,
        });
      }
      state = next.state;
    }
  }
  return { state, delays, requests };
}

describe('retry policy', () => {
  it('property 13: never more than 3 retries, delays follow the policy', () => {
    fc.assert(
      fc.property(fc.array(attemptArb, { minLength: 1, maxLength: 12 }), (attempts) => {
        const { state, delays, requests } = run(attempts);
        expect(state.retryCount).toBeLessThanOrEqual(MAX_RETRIES);
        expect(requests).toBeLessThanOrEqual(MAX_RETRIES + 1);
        expect(delays).toHaveLength(state.retryCount);
        for (const { delayMs, providerDelayMs, retryNumber } of delays) {
          expect(delayMs).toBe(Math.max([1000, 2000, 4000][retryNumber - 1]!, providerDelayMs ?? 0));
        }
        const firstAttempts = attempts.slice(0, MAX_RETRIES + 1);
        const transientRun =
          firstAttempts.length === MAX_RETRIES + 1 && firstAttempts.every((a) => a.kind === 'transient');
        if (transientRun) expect(state).toMatchObject({ status: 'failed', retryCount: MAX_RETRIES });
      }),
      { numRuns: 500 },
    );
  });

  it('backs off 1 s, 2 s, 4 s', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([1000, 2000, 4000]);
  });

  it('lets a longer provider delay win and ignores a shorter one', () => {
    expect(decideRetry(0, 38_000)).toEqual({ retry: true, delayMs: 38_000 });
    expect(decideRetry(2, 500)).toEqual({ retry: true, delayMs: 4000 });
  });

  it('stops after the third retry', () => {
    expect(decideRetry(3)).toEqual({ retry: false });
  });
});
