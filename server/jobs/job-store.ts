import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AssetType } from '../catalogue/index.js';
import { afterPosition, type CursorPosition, type Page, pageSize, toPage } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { jobs } from '../db/schema.js';
import {
  IdempotencyKeyReusedError,
  InvalidInputError,
  LeaseLostError,
  LimitExceededError,
  NotFoundError,
} from '../errors/index.js';
import { appendEvent } from '../events/event-store.js';
import { returnGenerationUnit, takeGenerationUnit } from '../limits/generation-budget.js';
import type { ImageUsage, Visibility } from '../vocabulary/index.js';
import { givesBudgetBack } from './gives-budget-back.js';
import type { Job } from './job.js';
import { jobStatusEvent } from './job-events.js';
import { type JobEvent, transition } from './job-state-machine.js';
import { isFinal, type JobStatus } from './job-status.js';

type JobRow = typeof jobs.$inferSelect;

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    channelId: row.channelId,
    assetType: row.assetType,
    prompt: row.prompt,
    brandKitId: row.brandKitId,
    parentAssetId: row.parentAssetId,
    referenceImageIds: row.referenceImageIds,
    packId: row.packId,
    packPiece: row.packPiece,
    visibility: row.visibility,
    status: row.status,
    progress: row.progress,
    retryCount: row.retryCount,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    runAt: row.runAt,
    idempotencyKey: row.idempotencyKey,
    model: row.model,
    usage: row.usage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
  };
}

/** What a trigger asks for; the job starts `queued`. */
export interface NewJob {
  readonly channelId: string;
  readonly assetType: AssetType;
  readonly prompt: string;
  readonly brandKitId: string | null;
  /** Set for a refinement: the asset to edit. */
  readonly parentAssetId?: string | null | undefined;
  /** Reference images the request names, checked to be the channel's. */
  readonly referenceImageIds?: string[] | undefined;
  /** Set for a brand pack's piece. */
  readonly packId?: string | null | undefined;
  readonly packPiece?: string | null | undefined;
  readonly visibility: Visibility;
  readonly idempotencyKey?: string | null | undefined;
  /** A digest of what was asked for with `idempotencyKey`, so a reused key with another request is refused. */
  readonly idempotencyFingerprint?: string | null | undefined;
}

/** Facts a worker records along with a state change. */
export interface JobExtra {
  readonly progress?: number;
  readonly model?: string;
  readonly usage?: ImageUsage;
}

/** A worker's hold on a job it claimed; every write the attempt makes is fenced on `holder`. */
export interface Lease {
  readonly jobId: string;
  /** Unique per claim, so even a later claim of the same job by the same worker is another holder. */
  readonly holder: string;
}

/** How long a full queue asks a caller to wait before trying again. */
const QUEUE_FULL_RETRY_MS = 30_000;

/** The job a channel made with `key` earlier, refusing it when it was made for another request. */
async function replayed(tx: Db, input: NewJob, key: string): Promise<Job | null> {
  const [existing] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.channelId, input.channelId), eq(jobs.idempotencyKey, key)));
  if (!existing) return null;
  const fingerprint = input.idempotencyFingerprint ?? null;
  // Jobs made before fingerprints were kept have none: the key alone decides for them.
  if (existing.idempotencyFingerprint !== null && existing.idempotencyFingerprint !== fingerprint)
    throw new IdempotencyKeyReusedError(existing.id);
  return toJob(existing);
}

/**
 * The job the channel made earlier with the request's idempotency key, or null;
 * `IdempotencyKeyReusedError` when that key was used for a different request.
 */
export function findJobByIdempotencyKey(db: Db, input: NewJob): Promise<Job | null> {
  return input.idempotencyKey ? replayed(db, input, input.idempotencyKey) : Promise.resolve(null);
}

/** What `createJob` counts a new job against. */
export interface JobLimits {
  /** Jobs of the channel queued or running at once. */
  readonly maxActive?: number;
  /** Count the job against the channel's budget for today: at most `daily` (null: no limit). */
  readonly budget?: { readonly daily: number | null };
}

/**
 * Queues a job and announces it, in one transaction. A repeated idempotency key on the same
 * channel returns the first job instead (or `IdempotencyKeyReusedError` when the request differs);
 * with `maxActive`, a channel with that many jobs queued or running gets `QUEUE_FULL`, counted
 * under a per-channel lock so concurrent requests cannot overshoot it; with `budget`, the job
 * takes a unit of the channel's day (`BUDGET_EXHAUSTED` when none is left), which a repeat keeps.
 */
export function createJob(
  db: Db,
  input: NewJob,
  options: JobLimits = {},
): Promise<{ job: Job; created: boolean }> {
  const now = new Date();
  const key = input.idempotencyKey ?? null;
  return db.transaction(async (tx) => {
    const earlier = key ? await replayed(tx, input, key) : null;
    if (earlier) return { job: earlier, created: false };
    if (options.maxActive !== undefined) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jobs:${input.channelId}`}))`);
      const [active] = await tx
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.channelId, input.channelId), inArray(jobs.status, ['queued', 'processing'])));
      if ((active?.n ?? 0) >= options.maxActive)
        throw new LimitExceededError(
          'QUEUE_FULL',
          `this channel already has ${options.maxActive} jobs queued or running; wait for some to finish`,
          QUEUE_FULL_RETRY_MS,
          { limit: options.maxActive },
        );
    }
    // After the queue's lock: every creator takes the locks in one order, so none waits on another in a circle.
    const budgetDay = options.budget
      ? await takeGenerationUnit(tx, input.channelId, options.budget.daily, now)
      : null;
    const [inserted] = await tx
      .insert(jobs)
      .values({
        id: randomUUID(),
        channelId: input.channelId,
        assetType: input.assetType,
        prompt: input.prompt,
        brandKitId: input.brandKitId,
        parentAssetId: input.parentAssetId ?? null,
        referenceImageIds: [...(input.referenceImageIds ?? [])],
        packId: input.packId ?? null,
        packPiece: input.packPiece ?? null,
        visibility: input.visibility,
        status: 'queued',
        idempotencyKey: key,
        idempotencyFingerprint: key ? (input.idempotencyFingerprint ?? null) : null,
        runAt: now,
        createdAt: now,
        updatedAt: now,
        budgetDay,
      })
      // A concurrent request with the same key loses here and reads the winner's job below.
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      const job = toJob(inserted);
      await appendEvent(tx, jobStatusEvent(job));
      return { job, created: true };
    }
    const winner = key ? await replayed(tx, input, key) : null;
    if (!winner) throw new Error(`job insert for channel ${input.channelId} conflicted without a match`);
    // The first request with this key already paid for the job.
    if (budgetDay) await returnGenerationUnit(tx, input.channelId, budgetDay);
    return { job: winner, created: false };
  });
}

function prepareGetJob(db: Db) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, sql.placeholder('id')), eq(jobs.channelId, sql.placeholder('channelId'))))
    .prepare('get_job');
}

// Status polling is the hottest query: prepared once per database handle, it skips query building.
const getJobStatements = new WeakMap<Db, ReturnType<typeof prepareGetJob>>();

/** The channel's job, or null (also for another channel's job). */
export async function getJob(db: Db, channelId: string, id: string): Promise<Job | null> {
  let statement = getJobStatements.get(db);
  if (!statement) {
    statement = prepareGetJob(db);
    getJobStatements.set(db, statement);
  }
  const [row] = await statement.execute({ id, channelId });
  return row ? toJob(row) : null;
}

/** The channel's jobs, newest first, one page at a time. */
export async function listJobs(
  db: Db,
  channelId: string,
  options: {
    status?: JobStatus | undefined;
    limit?: number | undefined;
    after?: CursorPosition | undefined;
  } = {},
): Promise<Page<Job>> {
  const size = pageSize(options.limit);
  const rows = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.channelId, channelId),
        options.status ? eq(jobs.status, options.status) : undefined,
        options.after ? afterPosition(jobs.createdAt, jobs.id, options.after) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(size + 1);
  return toPage(rows.map(toJob), size);
}

// The status a claim moves a queued job to, as the state machine says; the claim query below
// cannot call `transition` per row, so it takes the answer from it once.
const CLAIMED: JobStatus = transition({ status: 'queued', retryCount: 0 }, { type: 'claim' }).state.status;

/**
 * Takes the next due queued job for the lease `holder` in one statement, and announces it;
 * concurrent workers never get the same job (`FOR UPDATE SKIP LOCKED`). Null when nothing is due.
 */
export function claimNextJob(db: Db, holder: string, now: Date = new Date()): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const next = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'queued'), lte(jobs.runAt, now)))
      .orderBy(jobs.runAt, jobs.createdAt)
      .limit(1)
      .for('update', { skipLocked: true });
    const [row] = await tx
      .update(jobs)
      .set({ status: CLAIMED, lockedBy: holder, lockedAt: now, updatedAt: now })
      .where(sql`${jobs.id} = (${next})`)
      .returning();
    if (!row) return null;
    const job = toJob(row);
    await appendEvent(tx, jobStatusEvent(job));
    return job;
  });
}

/** Writes what `transition` decides for a locked row, and (unless told not to) the event that announces it. */
async function writeTransition(
  db: Db,
  row: JobRow,
  event: JobEvent,
  extra: JobExtra,
  now: Date,
  announce = true,
): Promise<{ job: Job; delayMs?: number }> {
  const { state, delayMs } = transition(row, event);
  // Cleared in the same update that ends the job, on a locked row: the unit goes back once at most.
  const refund = row.budgetDay !== null && givesBudgetBack(row.status, state.status);
  const progress = state.status === 'completed' ? 100 : state.status === 'queued' ? 0 : extra.progress;
  const [updated] = await db
    .update(jobs)
    .set({
      status: state.status,
      retryCount: state.retryCount,
      errorCode: state.errorCode ?? null,
      errorMessage: state.errorMessage ?? null,
      updatedAt: now,
      ...(progress === undefined ? {} : { progress: checkedProgress(progress) }),
      ...(extra.model === undefined ? {} : { model: extra.model }),
      ...(extra.usage === undefined ? {} : { usage: extra.usage }),
      ...(isFinal(state.status) ? { completedAt: now } : {}),
      ...(delayMs === undefined ? {} : { runAt: new Date(now.getTime() + delayMs) }),
      ...(row.status === 'processing' && state.status !== 'processing'
        ? { lockedBy: null, lockedAt: null }
        : {}),
      ...(refund ? { budgetDay: null } : {}),
    })
    .where(eq(jobs.id, row.id))
    .returning();
  if (refund) await returnGenerationUnit(db, row.channelId, row.budgetDay!);
  const job = toJob(updated!);
  if (announce) await appendEvent(db, jobStatusEvent(job));
  return delayMs === undefined ? { job } : { job, delayMs };
}

/**
 * Moves a job through the state machine in one transaction, with its event; `InvalidTransitionError`
 * for a move the machine refuses, `NotFoundError` for a missing job (or another channel's).
 * What a caller asks for (cancel); a worker's writes go through `settleAttempt`.
 */
export function applyJobEvent(
  db: Db,
  channelId: string,
  id: string,
  event: JobEvent,
): Promise<{ job: Job; delayMs?: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.channelId, channelId)))
      .for('update');
    if (!row) throw new NotFoundError(`job ${id} was not found`);
    return writeTransition(tx, row, event, {}, new Date());
  });
}

/** The job row, locked, if `lease` still holds it; `LeaseLostError` when it does not. */
async function lockHeld(tx: Db, lease: Lease): Promise<JobRow> {
  const [row] = await tx.select().from(jobs).where(eq(jobs.id, lease.jobId)).for('update');
  if (!row) throw new NotFoundError(`job ${lease.jobId} was not found`);
  if (row.status !== 'processing' || row.lockedBy !== lease.holder)
    throw new LeaseLostError(lease.jobId, row.status);
  return row;
}

/**
 * Ends a worker's attempt (`complete`, `fail` or `retry`) with its event, fenced on the lease:
 * a worker whose lease lapsed, or whose job was cancelled meanwhile, gets `LeaseLostError` and
 * changes nothing. `within` runs in the same transaction (the asset a completed job made), and
 * its events come before the job's.
 */
export function settleAttempt<T = undefined>(
  db: Db,
  lease: Lease,
  event: JobEvent,
  extra: JobExtra = {},
  within?: (tx: Db, job: Job) => Promise<T>,
): Promise<{ job: Job; delayMs?: number; result: T }> {
  return db.transaction(async (tx) => {
    const row = await lockHeld(tx, lease);
    const written = await writeTransition(tx, row, event, extra, new Date(), false);
    const result = (within ? await within(tx, written.job) : undefined) as T;
    // After what `within` announces: a client told the job completed can already see its asset.
    await appendEvent(tx, jobStatusEvent(written.job));
    return { ...written, result };
  });
}

function checkedProgress(progress: number): number {
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
    throw new InvalidInputError('progress is a whole number from 0 to 100', { progress });
  }
  return progress;
}

/** Records progress of a held job, with its event; null when `lease` no longer holds it. */
export function recordProgress(db: Db, lease: Lease, progress: number): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({ progress: checkedProgress(progress), updatedAt: new Date() })
      .where(and(eq(jobs.id, lease.jobId), eq(jobs.lockedBy, lease.holder), eq(jobs.status, 'processing')))
      .returning();
    if (!row) return null;
    const job = toJob(row);
    await appendEvent(tx, jobStatusEvent(job));
    return job;
  });
}

/** Renews the leases that still hold their jobs; the holders renewed (a missing one was lost). */
export async function heartbeat(
  db: Db,
  holders: readonly string[],
  now: Date = new Date(),
): Promise<Set<string>> {
  if (holders.length === 0) return new Set();
  const renewed = await db
    .update(jobs)
    .set({ lockedAt: now })
    .where(and(inArray(jobs.lockedBy, [...holders]), eq(jobs.status, 'processing')))
    .returning({ holder: jobs.lockedBy });
  return new Set(renewed.map((row) => row.holder!));
}

const WORKER_LOST: JobEvent = {
  type: 'retry',
  code: 'WORKER_LOST',
  message: 'the worker processing this job stopped; it was queued again',
};

/**
 * Puts processing jobs whose lease is older than `olderThanMs` back in the queue as a retry, so a
 * job that keeps killing its worker still fails after the retry limit. Returns the jobs moved.
 */
export function requeueStaleJobs(db: Db, options: { olderThanMs: number; now?: Date }): Promise<Job[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.olderThanMs);
  return db.transaction(async (tx) => {
    const stale = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, 'processing'), or(isNull(jobs.lockedAt), lt(jobs.lockedAt, cutoff))))
      .orderBy(jobs.lockedAt)
      .for('update', { skipLocked: true });
    const moved: Job[] = [];
    for (const row of stale) moved.push((await writeTransition(tx, row, WORKER_LOST, {}, now)).job);
    return moved;
  });
}

/** How many jobs wait and how many run, across all channels. */
export async function queueDepth(db: Db): Promise<{ queued: number; processing: number }> {
  const rows = await db
    .select({ status: jobs.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(jobs)
    .where(inArray(jobs.status, ['queued', 'processing']))
    .groupBy(jobs.status);
  const count = (status: JobStatus) => rows.find((row) => row.status === status)?.count ?? 0;
  return { queued: count('queued'), processing: count('processing') };
}
