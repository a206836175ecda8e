/**
 * Milliseconds from a protobuf `Duration` as Google's JSON carries it in `RetryInfo.retryDelay`
 * ("38s", "1.5s", "0.250s"); undefined for anything else.
 */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** Milliseconds from an HTTP `Retry-After` header: delta-seconds or an HTTP date; undefined otherwise. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
