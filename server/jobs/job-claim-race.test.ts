import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { describePostgres } from '../db/describe-each-database.js';
import { openPostgres } from '../db/open-database.js';
import { jobs } from '../db/schema.js';
import { resetDatabase } from '../db/test-database.js';
import type { Job } from './job.js';
import { claimNextJob } from './job-store.js';

const WORKERS = 4;
const JOBS = 50;

describePostgres('claiming jobs from several connections at once', ({ db, database }) => {
  const connections: Database[] = [];

  beforeAll(async () => {
    for (let i = 0; i < WORKERS; i++) connections.push(await openPostgres(database().url!, { max: 1 }));
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it.each([1, 2, 3])('hands every job to exactly one worker (round %i)', async () => {
    await resetDatabase(db());
    const past = new Date(Date.now() - 1000);
    await db()
      .insert(jobs)
      .values(
        Array.from({ length: JOBS }, (_, i) => ({
          id: randomUUID(),
          channelId: `ch_${i % 5}`,
          assetType: 'emote' as const,
          prompt: `job ${i}`,
          visibility: 'public' as const,
          status: 'queued' as const,
          runAt: past,
        })),
      );

    const claims = await Promise.all(
      connections.map(async (connection, worker) => {
        const mine: Job[] = [];
        for (let job = await claimNextJob(connection.db, `w${worker}`); job; ) {
          mine.push(job);
          job = await claimNextJob(connection.db, `w${worker}`);
        }
        return mine;
      }),
    );

    const ids = claims.flat().map((job) => job.id);
    expect(ids).toHaveLength(JOBS);
    expect(new Set(ids).size).toBe(JOBS);
    // The workers really overlapped: more than one of them got work.
    expect(claims.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
    const rows = await db().select({ id: jobs.id, status: jobs.status, lockedBy: jobs.lockedBy }).from(jobs);
    for (const [worker, mine] of claims.entries()) {
      for (const job of mine) {
        expect(rows.find((row) => row.id === job.id)).toEqual({
          id: job.id,
          status: 'processing',
          lockedBy: `w${worker}`,
        });
      }
    }
  });
});
