import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../errors/index.js';
import { canTransition, type JobEvent, type JobState, transition } from './job-state-machine.js';
import { isFinal, JOB_STATUSES, type JobStatus } from './job-status.js';
import { MAX_RETRIES } from './retry-policy.js';

const LEGAL: ReadonlyArray<readonly [JobStatus, JobStatus]> = [
  ['queued', 'processing'],
  ['queued', 'cancelled'],
  ['processing', 'completed'],
  ['processing', 'failed'],
  ['processing', 'queued'],
  ['processing', 'cancelled'],
];

const isLegal = (from: JobStatus, to: JobStatus) => LEGAL.some(([a, b]) => a === from && b === to);

const eventArb: fc.Arbitrary<JobEvent> = fc.oneof(
  fc.constant({ type: 'claim' } as const),
  fc.constant({ type: 'complete' } as const),
  fc.constant({ type: 'cancel' } as const),
  fc.record({
    type: fc.constant('fail' as const),
    code: fc.constantFrom('CONTENT_POLICY' as const, 'PROVIDER_REJECTED' as const),
    message: fc.string(),
  }),
  fc.record({
    type: fc.constant('retry' as const),
    code: fc.constant('PROVIDER_UNAVAILABLE'),
    message: fc.string(),
    providerDelayMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
  }),
);

const fresh: JobState = { status: 'queued', retryCount: 0 };

describe('job state machine', () => {
  it('property 9: only legal transitions happen and finals stay final', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        let state = fresh;
        for (const event of events) {
          const before = state;
          try {
            state = transition(state, event).state;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
            continue;
          }
          expect(isFinal(before.status)).toBe(false);
          expect(isLegal(before.status, state.status)).toBe(true);
          expect(state.retryCount).toBeLessThanOrEqual(MAX_RETRIES);
          expect(state.retryCount - before.retryCount).toBe(state.status === 'queued' ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the design table for every pair of statuses', () => {
    for (const from of JOB_STATUSES) {
      for (const to of JOB_STATUSES) expect(canTransition(from, to)).toBe(isLegal(from, to));
    }
  });

  it('refuses completed → processing', () => {
    expect(() => transition({ status: 'completed', retryCount: 0 }, { type: 'claim' })).toThrow(
      'a job cannot move from completed to processing',
    );
  });

  it('refuses to complete a job no worker has claimed', () => {
    expect(() => transition(fresh, { type: 'complete' })).toThrow(InvalidTransitionError);
  });

  it('cancels queued and processing jobs', () => {
    expect(transition(fresh, { type: 'cancel' }).state.status).toBe('cancelled');
    expect(transition({ status: 'processing', retryCount: 2 }, { type: 'cancel' }).state.status).toBe(
      'cancelled',
    );
  });

  it('puts a retried job back in the queue with its error and a delay', () => {
    const result = transition(
      { status: 'processing', retryCount: 1 },
      { type: 'retry', code: 'RATE_LIMITED', message: 'slow down' },
    );
    expect(result).toEqual({
      state: { status: 'queued', retryCount: 2, errorCode: 'RATE_LIMITED', errorMessage: 'slow down' },
      delayMs: 2000,
    });
  });

  it('fails a job whose retries are used up, keeping the last error', () => {
    const result = transition(
      { status: 'processing', retryCount: MAX_RETRIES },
      { type: 'retry', code: 'PROVIDER_UNAVAILABLE', message: '503' },
    );
    expect(result.state).toMatchObject({
      status: 'failed',
      retryCount: 3,
      errorCode: 'PROVIDER_UNAVAILABLE',
    });
    expect(result.delayMs).toBeUndefined();
  });

  it('clears an earlier retry error when the job completes', () => {
    const state: JobState = {
      status: 'processing',
      retryCount: 1,
      errorCode: 'RATE_LIMITED',
      errorMessage: 'x',
    };
    expect(transition(state, { type: 'complete' }).state).toMatchObject({
      errorCode: null,
      errorMessage: null,
    });
  });
});
