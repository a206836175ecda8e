import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { generationBudgetDays } from '../db/schema.js';
import { LimitExceededError } from '../errors/index.js';

const DAY_MS = 24 * 60 * 60_000;

/** The UTC day `now` falls in, as the database's `date` holds it (`2026-11-24`). */
export function utcDayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The next 00:00 UTC after `now`: when the day's budget starts fresh. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}

/** A wait in words a chat line can carry: `3 h 12 min`, `5 min`, `under a minute`. */
export function describeWait(ms: number): string {
  if (ms < 60_000) return 'under a minute';
  const minutes = Math.ceil(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function exhausted(budget: number, now: Date): LimitExceededError {
  const resetsAt = nextUtcMidnight(now);
  const retryAfterMs = resetsAt.getTime() - now.getTime();
  const used =
    budget === 0
      ? 'this channel’s daily generation budget is 0'
      : `today’s ${budget} generation${budget === 1 ? ' is' : 's are'} used`;
  return new LimitExceededError(
    'BUDGET_EXHAUSTED',
    `${used}; the budget resets at 00:00 UTC (in ${describeWait(retryAfterMs)})`,
    retryAfterMs,
    { limit: budget, resetsAt: resetsAt.toISOString() },
  );
}

/**
 * Takes one unit of the channel's budget for the UTC day of `now` and returns that day, or throws
 * 429 `BUDGET_EXHAUSTED` (with when it resets) when `budget` units are already taken. One
 * statement: concurrent takers from every server process queue on the day's row, and each sees
 * the count the one before it left, so the budget is never overspent. Call it in the transaction
 * that creates the job, so a request refused later gives its unit back by rolling back. With no
 * budget (null) the day is still counted, so a budget set later in the day knows what was used.
 */
export async function takeGenerationUnit(
  db: Db,
  channelId: string,
  budget: number | null,
  now: Date = new Date(),
): Promise<string> {
  const day = utcDayOf(now);
  if (budget !== null && budget <= 0) throw exhausted(budget, now);
  const [row] = await db
    .insert(generationBudgetDays)
    .values({ channelId, day, used: 1 })
    .onConflictDoUpdate({
      target: [generationBudgetDays.channelId, generationBudgetDays.day],
      set: { used: sql`${generationBudgetDays.used} + 1` },
      ...(budget === null ? {} : { setWhere: sql`${generationBudgetDays.used} < ${budget}` }),
    })
    .returning({ used: generationBudgetDays.used });
  if (!row) throw exhausted(budget!, now);
  return day;
}

/** Gives back one unit the channel took on `day`; the caller makes sure it is given back once. */
export async function returnGenerationUnit(db: Db, channelId: string, day: string): Promise<void> {
  await db
    .update(generationBudgetDays)
    .set({ used: sql`${generationBudgetDays.used} - 1` })
    .where(
      and(
        eq(generationBudgetDays.channelId, channelId),
        eq(generationBudgetDays.day, day),
        gt(generationBudgetDays.used, 0),
      ),
    );
}

/** How many generations the channel has queued (and kept) on the UTC day of `now`. */
export async function generationsUsed(db: Db, channelId: string, now: Date = new Date()): Promise<number> {
  const [row] = await db
    .select({ used: generationBudgetDays.used })
    .from(generationBudgetDays)
    .where(and(eq(generationBudgetDays.channelId, channelId), eq(generationBudgetDays.day, utcDayOf(now))));
  return row?.used ?? 0;
}

/**
 * Deletes the counts of days before `keepDays` ago. Yesterday's stay: a job that took its unit then
 * may still fail today and give it back; a week covers any job still queued across midnights.
 */
export async function pruneGenerationDays(db: Db, now: Date, keepDays = 7): Promise<number> {
  const oldest = utcDayOf(new Date(now.getTime() - keepDays * 24 * 60 * 60_000));
  const pruned = await db
    .delete(generationBudgetDays)
    .where(lt(generationBudgetDays.day, oldest))
    .returning({ day: generationBudgetDays.day });
  return pruned.length;
}
