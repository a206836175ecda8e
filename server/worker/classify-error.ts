import { StudioError } from '../errors/index.js';
import type { ErrorCode } from '../vocabulary/index.js';

/** What the worker records and decides for an error that ended an attempt. */
export interface AttemptFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
}

/**
 * The one place attempt errors are sorted. Domain errors say for themselves whether they may
 * pass; anything unexpected (a bug, a disk hiccup) is retried under the policy with a message
 * that shows nothing internal, since it ends up in the job row the streamer sees.
 */
export function classifyError(error: unknown): AttemptFailure {
  if (error instanceof StudioError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  return { code: 'INTERNAL_ERROR', message: 'an unexpected error stopped this attempt', retryable: true };
}
