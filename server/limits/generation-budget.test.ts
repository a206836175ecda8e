import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { LimitExceededError } from '../errors/index.js';
import {
  describeWait,
  generationsUsed,
  nextUtcMidnight,
  returnGenerationUnit,
  takeGenerationUnit,
} from './generation-budget.js';

const evening = new Date('2026-11-24T20:47:30.000Z');

describeEachDatabase('daily generation budget counter', ({ db }) => {
  it('takes units up to the budget, refuses the next until 00:00 UTC, and starts fresh the next day', async () => {
    for (let i = 0; i < 3; i++) expect(await takeGenerationUnit(db(), 'day', 3, evening)).toBe('2026-11-24');
    const refused = await takeGenerationUnit(db(), 'day', 3, evening).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LimitExceededError);
    expect(refused).toMatchObject({
      code: 'BUDGET_EXHAUSTED',
      status: 429,
      retryAfterMs: (3 * 60 + 12) * 60_000 + 30_000,
      message: 'today’s 3 generations are used; the budget resets at 00:00 UTC (in 3 h 13 min)',
      details: { limit: 3, resetsAt: '2026-11-25T00:00:00.000Z' },
    });
    expect(await generationsUsed(db(), 'day', evening)).toBe(3);
    const midnight = new Date('2026-11-25T00:00:00.000Z');
    expect(await takeGenerationUnit(db(), 'day', 3, midnight)).toBe('2026-11-25');
    expect(await generationsUsed(db(), 'day', midnight)).toBe(1);
    // Another channel has a day of its own.
    expect(await takeGenerationUnit(db(), 'other-day', 3, evening)).toBe('2026-11-24');
  });

  it('refuses everything on a budget of 0, counts without one, and honours a budget lowered mid-day', async () => {
    await expect(takeGenerationUnit(db(), 'zero', 0, evening)).rejects.toMatchObject({
      code: 'BUDGET_EXHAUSTED',
      message: expect.stringMatching(/^this channel’s daily generation budget is 0; the budget resets/),
    });
    expect(await generationsUsed(db(), 'zero', evening)).toBe(0);
    for (let i = 0; i < 5; i++) await takeGenerationUnit(db(), 'open', null, evening);
    expect(await generationsUsed(db(), 'open', evening)).toBe(5);
    await expect(takeGenerationUnit(db(), 'open', 4, evening)).rejects.toMatchObject({
      code: 'BUDGET_EXHAUSTED',
    });
    expect(await generationsUsed(db(), 'open', evening)).toBe(5);
  });

  it('lets a unit given back be taken again, and never counts below 0', async () => {
    const day = await takeGenerationUnit(db(), 'back', 1, evening);
    await expect(takeGenerationUnit(db(), 'back', 1, evening)).rejects.toBeInstanceOf(LimitExceededError);
    await returnGenerationUnit(db(), 'back', day);
    expect(await generationsUsed(db(), 'back', evening)).toBe(0);
    await returnGenerationUnit(db(), 'back', day);
    expect(await generationsUsed(db(), 'back', evening)).toBe(0);
    await takeGenerationUnit(db(), 'back', 1, evening);
  });

  it('never overspends when 500 take at once, each in its own transaction', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, () =>
        db().transaction((tx) => takeGenerationUnit(tx, 'crowd', 100, evening)),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(100);
    const refusals = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
    expect(refusals).toHaveLength(400);
    expect(refusals.every((error) => error instanceof LimitExceededError)).toBe(true);
    expect(await generationsUsed(db(), 'crowd', evening)).toBe(100);
  });
});

describe('when the budget resets', () => {
  it('is the next 00:00 UTC, even at midnight itself', () => {
    expect(nextUtcMidnight(evening)).toEqual(new Date('2026-11-25T00:00:00.000Z'));
    expect(nextUtcMidnight(new Date('2026-11-25T00:00:00.000Z'))).toEqual(
      new Date('2026-11-26T00:00:00.000Z'),
    );
  });

  it('says any wait of a minute or more in hours and minutes that add up to it, rounded up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60_000, max: 24 * 60 * 60_000 }), (ms) => {
        const [, hours, minutes] = /^(?:(\d+) h)? ?(?:(\d+) min)?$/.exec(describeWait(ms)) ?? [];
        expect(Number(hours ?? 0) * 60 + Number(minutes ?? 0)).toBe(Math.ceil(ms / 60_000));
        expect(Number(minutes ?? 0)).toBeLessThan(60);
      }),
      { numRuns: 200 },
    );
    expect(describeWait(59_999)).toBe('under a minute');
    expect(describeWait(3 * 60 * 60_000)).toBe('3 h');
  });
});
