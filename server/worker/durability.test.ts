import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAssetsForJob } from '../assets/asset-store.js';
import { describePostgres } from '../db/describe-each-database.js';
import type { Job } from '../jobs/job.js';
import { claimNextJob, createJob, getJob } from '../jobs/job-store.js';
import { eventually } from '../testing/eventually.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

const LEASE_MS = 300;

/**
 * Stops the clock (fake Date): the new worker's own lease cannot lapse however slow the machine,
 * since time moves only when a test moves it.
 */
const stopClock = () => vi.useFakeTimers({ toFake: ['Date'] });

/** Waits for the job to complete, moving the stopped clock to its retry's run_at. */
const completed = (db: TestStudio['database']['db'], channelId: string, id: string) =>
  eventually(
    async () => {
      const job = (await getJob(db, channelId, id)) as Job;
      if (job.status === 'queued' && job.runAt.getTime() > Date.now()) vi.setSystemTime(job.runAt);
      expect(job.status).toBe('completed');
      return job;
    },
    { timeoutMs: 20_000 },
  );

async function countCompletedEvents(studio: TestStudio, jobId: string): Promise<number> {
  const rows = await studio.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from events where type = 'job.completed' and data->>'id' = ${jobId}`,
  );
  return (
    (rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]!.n
  );
}

describe('durability', () => {
  let studio: TestStudio | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await studio?.close();
    studio = undefined;
  });

  it('completes, once, a job a dead worker left processing', async () => {
    stopClock();
    studio = await createTestStudio({ worker: false, leaseMs: LEASE_MS });
    const { job } = await createJob(studio.database.db, {
      channelId: '6001',
      assetType: 'emote',
      prompt: 'a phoenix',
      brandKitId: null,
      visibility: 'public',
    });
    // A worker claims it and dies without a word: no heartbeat, no release.
    const claimedAt = Date.now();
    expect((await claimNextJob(studio.database.db, 'dead-worker'))?.id).toBe(job.id);
    await studio.worker.start();
    // Its lease lapses now: the worker's next look for stale jobs queues it again.
    vi.setSystemTime(claimedAt + LEASE_MS + 1);
    const done = await completed(studio.database.db, '6001', job.id);
    expect(done).toMatchObject({ status: 'completed', retryCount: 1 });
    expect(await listAssetsForJob(studio.database.db, '6001', job.id)).toHaveLength(1);
    expect(await countCompletedEvents(studio, job.id)).toBe(1);
  });
});

describePostgres('durability across a killed process', ({ database }) => {
  it('a job whose worker process was SIGKILLed mid-job is completed after restart, once', async () => {
    const { db, url } = database();
    const { job } = await createJob(db, {
      channelId: '6002',
      assetType: 'sub_badge',
      prompt: 'a shield',
      brandKitId: null,
      visibility: 'private',
    });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../testing/crashing-worker.ts')],
      {
        env: { ...process.env, DATABASE_URL: url! },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('claimed') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await getJob(db, '6002', job.id)).toMatchObject({ status: 'processing' });

    stopClock();
    // The dead process's lease has lapsed by the time the new worker starts.
    vi.setSystemTime(Date.now() + LEASE_MS + 1);
    const studio = await createTestStudio({ database: database(), leaseMs: LEASE_MS });
    try {
      expect(await completed(db, '6002', job.id)).toMatchObject({ retryCount: 1, errorCode: null });
      expect(await listAssetsForJob(db, '6002', job.id)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
      await studio.close();
    }
  }, 60_000);
});
