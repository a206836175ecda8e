import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-delay.js';

const policy = { baseMs: 1000, maxMs: 30_000 };

describe('reconnectDelay', () => {
  it('doubles from the base, half of each wait fixed and half random', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, policy, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, policy, () => 0.5))).toEqual([
      750, 1500, 3000, 6000,
    ]);
  });

  it('never waits longer than maxMs, even after very many attempts', () => {
    expect(reconnectDelay(5, policy, () => 0.999_999)).toBe(30_000);
    expect(reconnectDelay(10_000, policy, () => 0.999_999)).toBe(30_000);
  });

  it('stays within [capped / 2, capped] and never shrinks as attempts grow', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
        const delay = reconnectDelay(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(capped / 2);
        expect(delay).toBeLessThanOrEqual(capped);
        expect(reconnectDelay(attempt + 1, policy, () => r)).toBeGreaterThanOrEqual(delay);
      }),
      { numRuns: 200 },
    );
  });
});
