import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { jobs, twitchTriggers } from '../db/schema.js';
import { FINAL_STATUSES } from '../jobs/job-status.js';

/** The chat message or redemption a job came from: whom to tell, and how, when it ends. */
export type TwitchTrigger =
  | {
      readonly kind: 'chat';
      readonly jobId: string;
      readonly channelId: string;
      readonly broadcasterId: string;
      readonly twitchUserId: string;
      readonly userName: string;
      readonly messageId: string;
    }
  | {
      readonly kind: 'redemption';
      readonly jobId: string;
      readonly channelId: string;
      readonly broadcasterId: string;
      readonly twitchUserId: string;
      readonly userName: string;
      readonly rewardId: string;
      readonly redemptionId: string;
    };

type TriggerRow = typeof twitchTriggers.$inferSelect;

function toTrigger(row: TriggerRow): TwitchTrigger {
  const who = {
    jobId: row.jobId,
    channelId: row.channelId,
    broadcasterId: row.broadcasterId,
    twitchUserId: row.twitchUserId,
    userName: row.userName,
  };
  return row.kind === 'chat'
    ? { kind: 'chat', ...who, messageId: row.messageId ?? '' }
    : { kind: 'redemption', ...who, rewardId: row.rewardId ?? '', redemptionId: row.redemptionId ?? '' };
}

/** Records the trigger of a job; call it in the job's own transaction. */
export async function insertTrigger(db: Db, trigger: TwitchTrigger, now: Date = new Date()): Promise<void> {
  await db.insert(twitchTriggers).values({
    ...trigger,
    messageId: trigger.kind === 'chat' ? trigger.messageId : null,
    rewardId: trigger.kind === 'redemption' ? trigger.rewardId : null,
    redemptionId: trigger.kind === 'redemption' ? trigger.redemptionId : null,
    createdAt: now,
  });
}

/**
 * Marks the job's trigger told and returns it, or null when there is none or it was told already:
 * of two processes (or a sweep and an event) only one gets it, so each outcome is said once.
 * Claimed before it is said: a crash right after loses that one reply rather than doubling it.
 */
export async function settleTrigger(
  db: Db,
  jobId: string,
  now: Date = new Date(),
): Promise<TwitchTrigger | null> {
  const [row] = await db
    .update(twitchTriggers)
    .set({ settledAt: now })
    .where(and(eq(twitchTriggers.jobId, jobId), isNull(twitchTriggers.settledAt)))
    .returning();
  return row ? toTrigger(row) : null;
}

/** Jobs that have ended while their trigger is still untold (its event came while nobody listened). */
export async function untoldEndedJobs(db: Db, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ jobId: twitchTriggers.jobId })
    .from(twitchTriggers)
    .innerJoin(jobs, eq(jobs.id, twitchTriggers.jobId))
    .where(and(isNull(twitchTriggers.settledAt), inArray(jobs.status, [...FINAL_STATUSES])))
    .orderBy(asc(twitchTriggers.createdAt))
    .limit(limit);
  return rows.map((row) => row.jobId);
}

/** How many jobs wait in the queue up to and including `jobId` (its place in line, from 1), in the worker's order. */
export async function queuePosition(db: Db, jobId: string): Promise<number> {
  const [row] = await db
    .select({ ahead: sql<number>`count(*)`.mapWith(Number) })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, 'queued'),
        sql`(${jobs.runAt}, ${jobs.createdAt}) <= (select run_at, created_at from jobs where id = ${jobId})`,
      ),
    );
  return Math.max(1, row?.ahead ?? 1);
}

/** How many of the channel's jobs wait in the queue. */
export async function channelQueueLength(db: Db, channelId: string): Promise<number> {
  const [row] = await db
    .select({ queued: sql<number>`count(*)`.mapWith(Number) })
    .from(jobs)
    .where(and(eq(jobs.channelId, channelId), eq(jobs.status, 'queued')));
  return row?.queued ?? 0;
}
