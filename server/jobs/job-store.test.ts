import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import type { CursorPosition } from '../db/cursor.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { jobs } from '../db/schema.js';
import { resetDatabase } from '../db/test-database.js';
import { InvalidInputError, InvalidTransitionError, LeaseLostError, NotFoundError } from '../errors/index.js';
import { eventsSince } from '../events/event-store.js';
import type { Job } from './job.js';
import {
  applyJobEvent,
  claimNextJob,
  createJob,
  getJob,
  heartbeat,
  listJobs,
  type NewJob,
  queueDepth,
  recordProgress,
  requeueStaleJobs,
  settleAttempt,
} from './job-store.js';

const channel = () => `ch_${randomUUID().slice(0, 8)}`;
const request = (channelId: string, overrides: Partial<NewJob> = {}): NewJob => ({
  channelId,
  assetType: 'emote',
  prompt: 'a cat in sunglasses',
  brandKitId: null,
  visibility: 'public',
  ...overrides,
});
const seconds = (n: number) => new Date(Date.now() + n * 1000);

describeEachDatabase('job store', ({ db }) => {
  beforeEach(async () => {
    await resetDatabase(db());
  });

  it('creates a queued job', async () => {
    const { job, created } = await createJob(db(), request('a', { idempotencyKey: null }));
    expect(created).toBe(true);
    expect(job).toMatchObject({ channelId: 'a', status: 'queued', progress: 0, retryCount: 0, usage: null });
    expect(await getJob(db(), 'a', job.id)).toEqual(job);
  });

  it('returns the first job for a repeated idempotency key, per channel', async () => {
    const first = await createJob(db(), request('a', { idempotencyKey: 'k1' }));
    const again = await createJob(db(), request('a', { idempotencyKey: 'k1', prompt: 'something else' }));
    const elsewhere = await createJob(db(), request('b', { idempotencyKey: 'k1' }));
    expect(again).toEqual({ job: first.job, created: false });
    expect(elsewhere.created).toBe(true);
    expect(elsewhere.job.id).not.toBe(first.job.id);
  });

  it('creates one job when the same key arrives concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createJob(db(), request('a', { idempotencyKey: 'race' }))),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.job.id)).size).toBe(1);
  });

  it("does not show one channel's job to another", async () => {
    const { job } = await createJob(db(), request('a'));
    expect(await getJob(db(), 'b', job.id)).toBeNull();
    expect(await getJob(db(), 'a', 'not-a-uuid')).toBeNull();
  });

  it('pages through every job exactly once, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 7 }),
        async (ages, limit) => {
          const channelId = channel();
          const base = Date.UTC(2024, 0, 1);
          // Few distinct times, so many jobs share a created_at and the id breaks the tie.
          const rows = ages.map((age) => ({
            ...request(channelId),
            id: randomUUID(),
            status: 'queued' as const,
            createdAt: new Date(base - age * 1000),
          }));
          if (rows.length > 0) await db().insert(jobs).values(rows);
          const expected = [...rows]
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
            .map((row) => row.id);
          const seen: string[] = [];
          let after: CursorPosition | undefined;
          for (let page = 0; page <= rows.length + 1; page++) {
            const result = await listJobs(db(), channelId, { limit, after });
            expect(result.items.length).toBeLessThanOrEqual(limit);
            seen.push(...result.items.map((job) => job.id));
            if (!result.next) break;
            after = result.next;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('filters the list by status and defaults to 20 a page', async () => {
    for (let i = 0; i < 22; i++) await createJob(db(), request('a'));
    const claimed = await claimNextJob(db(), 'w1');
    const all = await listJobs(db(), 'a');
    expect(all.items).toHaveLength(20);
    expect(all.next).toEqual({ createdAt: all.items[19]!.createdAt, id: all.items[19]!.id });
    const processing = await listJobs(db(), 'a', { status: 'processing' });
    expect(processing).toEqual({ items: [expect.objectContaining({ id: claimed!.id })], next: null });
    expect((await listJobs(db(), 'b')).items).toEqual([]);
  });

  it('refuses a page size out of range with InvalidInputError', async () => {
    await expect(listJobs(db(), 'a', { limit: 101 })).rejects.toThrow(InvalidInputError);
    await expect(listJobs(db(), 'a', { limit: 0 })).rejects.toThrow(InvalidInputError);
  });

  it('claims due jobs by run_at then created_at, and none before they are due', async () => {
    const early = (await createJob(db(), request('a'))).job;
    const late = (await createJob(db(), request('b'))).job;
    await db()
      .update(jobs)
      .set({ runAt: seconds(60) })
      .where(eq(jobs.id, early.id));

    const first = await claimNextJob(db(), 'w1');
    expect(first).toMatchObject({ id: late.id, status: 'processing' });
    expect(await claimNextJob(db(), 'w1')).toBeNull();
    expect(await claimNextJob(db(), 'w2', seconds(61))).toMatchObject({ id: early.id, status: 'processing' });
    const [row] = await db().select().from(jobs).where(eq(jobs.id, early.id));
    expect(row).toMatchObject({ lockedBy: 'w2' });
  });

  it('claims older jobs first when they are equally due', async () => {
    const created: Job[] = [];
    for (let i = 0; i < 5; i++) created.push((await createJob(db(), request('a'))).job);
    const runAt = new Date(Date.now() - 1000);
    await db().update(jobs).set({ runAt });
    const claimed: string[] = [];
    for (let job = await claimNextJob(db(), 'w'); job; job = await claimNextJob(db(), 'w'))
      claimed.push(job.id);
    const byAge = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(claimed).toHaveLength(5);
    // Jobs made in the same millisecond tie; only a strictly older job must come first.
    for (let i = 1; i < claimed.length; i++) {
      const before = created.find((job) => job.id === claimed[i - 1])!;
      const after = created.find((job) => job.id === claimed[i])!;
      expect(before.createdAt.getTime()).toBeLessThanOrEqual(after.createdAt.getTime());
    }
    expect(new Set(claimed)).toEqual(new Set(byAge.map((job) => job.id)));
  });

  it('refuses moves the state machine forbids and leaves the job as it was', async () => {
    const { job } = await createJob(db(), request('a'));
    await expect(applyJobEvent(db(), 'a', job.id, { type: 'complete' })).rejects.toThrow(
      InvalidTransitionError,
    );
    expect(await getJob(db(), 'a', job.id)).toEqual(job);
    await applyJobEvent(db(), 'a', job.id, { type: 'cancel' });
    await expect(applyJobEvent(db(), 'a', job.id, { type: 'claim' })).rejects.toThrow(
      'a job cannot move from cancelled to processing',
    );
  });

  it('answers NotFoundError for a missing job or one of another channel', async () => {
    const { job } = await createJob(db(), request('a'));
    await expect(applyJobEvent(db(), 'b', job.id, { type: 'cancel' })).rejects.toThrow(NotFoundError);
    await expect(applyJobEvent(db(), 'a', randomUUID(), { type: 'cancel' })).rejects.toThrow(NotFoundError);
  });

  it('puts a retried job back in the queue with its backoff in run_at', async () => {
    await createJob(db(), request('a'));
    const claimed = (await claimNextJob(db(), 'w1'))!;
    const { job, delayMs } = await settleAttempt(
      db(),
      { jobId: claimed.id, holder: 'w1' },
      {
        type: 'retry',
        code: 'RATE_LIMITED',
        message: 'slow down',
        providerDelayMs: 5000,
      },
    );
    expect(delayMs).toBe(5000);
    expect(job).toMatchObject({ status: 'queued', retryCount: 1, errorCode: 'RATE_LIMITED', progress: 0 });
    expect(job.runAt.getTime() - job.updatedAt.getTime()).toBe(5000);
    const [row] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ lockedBy: null, lockedAt: null });
    expect(await claimNextJob(db(), 'w1')).toBeNull();
    expect(await claimNextJob(db(), 'w1', seconds(6))).toMatchObject({ id: job.id });
  });

  it('completes a job at 100 % with its model, usage and completion time', async () => {
    await createJob(db(), request('a'));
    const claimed = (await claimNextJob(db(), 'w1'))!;
    await recordProgress(db(), { jobId: claimed.id, holder: 'w1' }, 40);
    const { job, delayMs } = await settleAttempt(
      db(),
      { jobId: claimed.id, holder: 'w1' },
      { type: 'complete' },
      {
        model: 'preview',
        usage: { totalTokens: 12 },
      },
    );
    expect(delayMs).toBeUndefined();
    expect(job).toMatchObject({
      status: 'completed',
      progress: 100,
      model: 'preview',
      usage: { totalTokens: 12 },
    });
    expect(job.completedAt).toEqual(job.updatedAt);
  });

  it('records progress only while the lease holds a processing job', async () => {
    const { job } = await createJob(db(), request('a'));
    const lease = { jobId: job.id, holder: 'w1' };
    expect(await recordProgress(db(), lease, 30)).toBeNull();
    await claimNextJob(db(), 'w1');
    expect(await recordProgress(db(), lease, 30)).toMatchObject({ progress: 30, status: 'processing' });
    expect(await recordProgress(db(), { ...lease, holder: 'w2' }, 40)).toBeNull();
    await expect(recordProgress(db(), lease, 101)).rejects.toThrow(InvalidInputError);
    expect(await recordProgress(db(), { jobId: randomUUID(), holder: 'w1' }, 5)).toBeNull();
    expect(await getJob(db(), 'a', job.id)).toMatchObject({ progress: 30 });
  });

  it('refuses every write of a worker whose lapsed lease another worker took over', async () => {
    const { job } = await createJob(db(), request('a'));
    const t0 = new Date();
    await claimNextJob(db(), 'A:1', t0);
    const stale = { jobId: job.id, holder: 'A:1' };
    await requeueStaleJobs(db(), { olderThanMs: 30_000, now: new Date(t0.getTime() + 31_000) });
    expect(await claimNextJob(db(), 'B:1', new Date(t0.getTime() + 40_000))).toMatchObject({ id: job.id });

    await expect(settleAttempt(db(), stale, { type: 'complete' })).rejects.toThrow(LeaseLostError);
    await expect(
      settleAttempt(db(), stale, { type: 'retry', code: 'PROVIDER_UNAVAILABLE', message: 'down' }),
    ).rejects.toThrow(LeaseLostError);
    await expect(
      settleAttempt(db(), stale, { type: 'fail', code: 'CONTENT_POLICY', message: 'no' }),
    ).rejects.toThrow(LeaseLostError);
    expect(await recordProgress(db(), stale, 50)).toBeNull();
    expect(await heartbeat(db(), ['A:1', 'B:1'])).toEqual(new Set(['B:1']));
    expect(await getJob(db(), 'a', job.id)).toMatchObject({
      status: 'processing',
      retryCount: 1,
      progress: 0,
    });

    const { job: done } = await settleAttempt(db(), { jobId: job.id, holder: 'B:1' }, { type: 'complete' });
    expect(done.status).toBe('completed');
  });

  it('treats a cancelled job as lost to its worker', async () => {
    const { job } = await createJob(db(), request('a'));
    await claimNextJob(db(), 'A:1');
    await applyJobEvent(db(), 'a', job.id, { type: 'cancel' });
    await expect(settleAttempt(db(), { jobId: job.id, holder: 'A:1' }, { type: 'complete' })).rejects.toThrow(
      'this worker no longer holds job',
    );
    expect(await heartbeat(db(), ['A:1'])).toEqual(new Set());
  });

  it('announces every change with the event its new status calls for, in order', async () => {
    const { job } = await createJob(db(), request('a', { visibility: 'private' }));
    await claimNextJob(db(), 'w1');
    const lease = { jobId: job.id, holder: 'w1' };
    await recordProgress(db(), lease, 60);
    await settleAttempt(db(), lease, { type: 'retry', code: 'NO_IMAGE', message: 'nothing' });
    await claimNextJob(db(), 'w2', seconds(10));
    await settleAttempt(
      db(),
      { jobId: job.id, holder: 'w2' },
      { type: 'fail', code: 'CONTENT_POLICY', message: 'no' },
    );
    const events = await eventsSince(db(), 'a', '0', { audience: 'all', limit: 100 });
    expect(events.map((e) => [e.type, e.audience, (e.data as { status: string }).status])).toEqual([
      ['job.queued', 'private', 'queued'],
      ['job.progress', 'private', 'processing'],
      ['job.progress', 'private', 'processing'],
      ['job.queued', 'private', 'queued'],
      ['job.progress', 'private', 'processing'],
      ['job.failed', 'private', 'failed'],
    ]);
    expect(await eventsSince(db(), 'a', '0', { audience: 'public', limit: 100 })).toEqual([]);
  });

  it('leaves neither the change nor its event when the transaction fails after the write', async () => {
    const { job } = await createJob(db(), request('a'));
    await claimNextJob(db(), 'w1');
    const before = await eventsSince(db(), 'a', '0', { audience: 'all', limit: 100 });
    const crash = new Error('the process died right after the write');
    await expect(
      settleAttempt(db(), { jobId: job.id, holder: 'w1' }, { type: 'complete' }, {}, async (_tx, written) => {
        expect(written.status).toBe('completed');
        throw crash;
      }),
    ).rejects.toBe(crash);
    expect(await getJob(db(), 'a', job.id)).toMatchObject({ status: 'processing' });
    expect(await eventsSince(db(), 'a', '0', { audience: 'all', limit: 100 })).toEqual(before);
  });

  it('requeues only jobs whose lease went stale', async () => {
    await createJob(db(), request('a'));
    await createJob(db(), request('a'));
    const t0 = new Date();
    const stale = (await claimNextJob(db(), 'dead', t0))!;
    const alive = (await claimNextJob(db(), 'alive', t0))!;
    expect(await heartbeat(db(), ['alive'], new Date(t0.getTime() + 50_000))).toEqual(new Set(['alive']));

    const moved = await requeueStaleJobs(db(), { olderThanMs: 30_000, now: new Date(t0.getTime() + 60_000) });
    expect(moved.map((job) => job.id)).toEqual([stale.id]);
    expect(moved[0]).toMatchObject({ status: 'queued', retryCount: 1, errorCode: 'WORKER_LOST' });
    expect(await getJob(db(), 'a', alive.id)).toMatchObject({ status: 'processing' });
  });

  it('fails a job that keeps losing its worker after three retries', async () => {
    const { job } = await createJob(db(), request('a'));
    let now = Date.now();
    for (let attempt = 0; attempt < 4; attempt++) {
      now += 60_000;
      expect(await claimNextJob(db(), 'w', new Date(now))).toMatchObject({ id: job.id });
      now += 60_000;
      await requeueStaleJobs(db(), { olderThanMs: 30_000, now: new Date(now) });
    }
    expect(await getJob(db(), 'a', job.id)).toMatchObject({
      status: 'failed',
      retryCount: 3,
      errorCode: 'WORKER_LOST',
    });
    expect(await claimNextJob(db(), 'w', new Date(now + 60_000))).toBeNull();
  });

  it('counts queued and processing jobs', async () => {
    expect(await queueDepth(db())).toEqual({ queued: 0, processing: 0 });
    for (let i = 0; i < 3; i++) await createJob(db(), request(channel()));
    await claimNextJob(db(), 'w');
    expect(await queueDepth(db())).toEqual({ queued: 2, processing: 1 });
  });
});
