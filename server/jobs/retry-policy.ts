/** How many times a job is put back in the queue after a retryable error, at the most. */
export const MAX_RETRIES = 3;

/** The first backoff; each later retry waits twice as long (1 s, 2 s, 4 s). */
export const BASE_BACKOFF_MS = 1000;

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

/** The policy's own wait before retry number `retryNumber` (1-based). */
export function backoffMs(retryNumber: number): number {
  return BASE_BACKOFF_MS * 2 ** (Math.max(1, retryNumber) - 1);
}

/**
 * Whether a job that has been retried `retryCount` times may be retried again, and after how long.
 * A delay the provider asked for (Retry-After, RetryInfo) wins when it is longer than the backoff.
 */
export function decideRetry(retryCount: number, providerDelayMs?: number): RetryDecision {
  if (retryCount >= MAX_RETRIES) return { retry: false };
  const delayMs = Math.max(backoffMs(retryCount + 1), providerDelayMs ?? 0);
  return { retry: true, delayMs };
}
