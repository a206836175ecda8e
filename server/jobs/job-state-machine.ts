import { InvalidTransitionError } from '../errors/index.js';
import type { ErrorCode } from '../vocabulary/index.js';
import { isFinal, type JobStatus } from './job-status.js';
import { decideRetry } from './retry-policy.js';

/** The part of a job the state machine reads and writes. */
export interface JobState {
  readonly status: JobStatus;
  readonly retryCount: number;
  readonly errorCode?: ErrorCode | null;
  readonly errorMessage?: string | null;
}

/** Something that happens to a job. Every status change is one of these. */
export type JobEvent =
  /** A worker takes the job. */
  | { readonly type: 'claim' }
  /** Every file is stored. */
  | { readonly type: 'complete' }
  /** An error that retrying cannot fix. */
  | { readonly type: 'fail'; readonly code: ErrorCode; readonly message: string }
  /** An error that may pass; `providerDelayMs` is what the provider asked us to wait. */
  | {
      readonly type: 'retry';
      readonly code: ErrorCode;
      readonly message: string;
      readonly providerDelayMs?: number;
    }
  /** The streamer no longer wants it. */
  | { readonly type: 'cancel' };

export interface Transition {
  readonly state: JobState;
  /** For a job put back in the queue: how long to wait before it may be claimed again. */
  readonly delayMs?: number;
}

const ALLOWED: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ['processing', 'cancelled'],
  processing: ['completed', 'failed', 'queued', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

/** True when the design's state machine allows `from → to`. */
export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return ALLOWED[from].includes(to);
}

function target(state: JobState, event: JobEvent): JobStatus {
  switch (event.type) {
    case 'claim':
      return 'processing';
    case 'complete':
      return 'completed';
    case 'fail':
      return 'failed';
    case 'retry':
      return decideRetry(state.retryCount, event.providerDelayMs).retry ? 'queued' : 'failed';
    case 'cancel':
      return 'cancelled';
  }
}

/**
 * The one function every job write goes through: the state after `event`, or
 * `InvalidTransitionError` when the design does not allow the move. A retry past the
 * policy's limit becomes a failure carrying the last error.
 */
export function transition(state: JobState, event: JobEvent): Transition {
  const to = target(state, event);
  if (isFinal(state.status) || !canTransition(state.status, to)) {
    throw new InvalidTransitionError(state.status, to);
  }
  switch (event.type) {
    case 'retry': {
      const decision = decideRetry(state.retryCount, event.providerDelayMs);
      const error = { errorCode: event.code, errorMessage: event.message };
      if (!decision.retry) return { state: { ...state, status: 'failed', ...error } };
      return {
        state: { ...state, status: 'queued', retryCount: state.retryCount + 1, ...error },
        delayMs: decision.delayMs,
      };
    }
    case 'fail':
      return { state: { ...state, status: 'failed', errorCode: event.code, errorMessage: event.message } };
    case 'complete':
      return { state: { ...state, status: 'completed', errorCode: null, errorMessage: null } };
    default:
      return { state: { ...state, status: to } };
  }
}
