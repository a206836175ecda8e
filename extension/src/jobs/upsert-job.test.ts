import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../client/index.js';
import { job } from '../testing/fixtures.js';
import { upsertJob } from './upsert-job.js';

const at = (second: number) => `2026-12-01T18:30:${String(second).padStart(2, '0')}.000Z`;

describe('upsertJob', () => {
  it('adds jobs newest first', () => {
    const older = job({ createdAt: at(1) });
    const newer = job({ createdAt: at(2) });
    expect(upsertJob(upsertJob([], older), newer)).toEqual([newer, older]);
  });

  it('takes a later update and ignores an earlier one', () => {
    const queued = job({ status: 'queued', updatedAt: at(1) });
    const processing = { ...queued, status: 'processing', progress: 40, updatedAt: at(2) } as const;
    const jobs = upsertJob([queued], processing);
    expect(jobs).toEqual([processing]);
    expect(upsertJob(jobs, queued)).toBe(jobs);
  });

  it('lets a retry go back to queued when it is newer', () => {
    const processing = job({ status: 'processing', progress: 40, updatedAt: at(2) });
    const retried = {
      ...processing,
      status: 'queued',
      progress: 0,
      retryCount: 1,
      updatedAt: at(3),
    } as const;
    expect(upsertJob([processing], retried)).toEqual([retried]);
  });

  it('prefers the final or further view of the same instant', () => {
    const processing = job({ status: 'processing', progress: 90, updatedAt: at(2) });
    const completed = { ...processing, status: 'completed', progress: 100 } as const;
    expect(upsertJob([completed], processing)).toEqual([completed]);
    expect(upsertJob([processing], completed)).toEqual([completed]);
  });

  it('ends with the newest view of each job whatever order the updates arrive in', () => {
    const jobs = [job({ createdAt: at(1) }), job({ createdAt: at(2) })];
    const updates = jobs.flatMap((j) =>
      [10, 40, 70].map(
        (progress, i): Job => ({ ...j, status: 'processing', progress, updatedAt: at(10 + i) }),
      ),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(updates, { minLength: updates.length }), (order) => {
        const result = order.reduce(upsertJob, [] as readonly Job[]);
        expect(result.map((j) => [j.id, j.progress])).toEqual([
          [jobs[1]!.id, 70],
          [jobs[0]!.id, 70],
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
