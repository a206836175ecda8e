/** How the event stream waits between connection attempts. */
export interface ReconnectPolicy {
  /** The first wait; the server's `retry:` field replaces it, as it does for EventSource. */
  readonly baseMs: number;
  /** No wait is longer than this, however many attempts failed. */
  readonly maxMs: number;
  /** A connection open this long was healthy: the next drop starts again from `baseMs`. */
  readonly healthyMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { baseMs: 1000, maxMs: 30_000, healthyMs: 10_000 };

/**
 * The wait before reconnect number `attempt` (0 for the first): doubling from `baseMs` up to
 * `maxMs`, then "equal jitter" — half of it fixed, half random — so a server restart does not
 * bring every client back in the same instant, yet no client retries at once.
 */
export function reconnectDelay(
  attempt: number,
  policy: Pick<ReconnectPolicy, 'baseMs' | 'maxMs'>,
  random: () => number,
): number {
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(capped / 2 + (random() * capped) / 2);
}
