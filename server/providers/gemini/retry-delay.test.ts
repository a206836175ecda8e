import { describe, expect, it } from 'vitest';
import { parseRetryAfter, parseRetryDelay } from './retry-delay.js';

describe('retry delays', () => {
  it('reads RetryInfo durations', () => {
    expect(parseRetryDelay('38s')).toBe(38_000);
    expect(parseRetryDelay('1.5s')).toBe(1500);
    expect(parseRetryDelay('0.250s')).toBe(250);
    expect(parseRetryDelay('38')).toBeUndefined();
    expect(parseRetryDelay('-1s')).toBeUndefined();
    expect(parseRetryDelay(38)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
