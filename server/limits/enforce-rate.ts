import type { Db } from '../db/database.js';
import { LimitExceededError } from '../errors/index.js';
import { countHit } from './rate-limit-store.js';

/** A rate: at most `limit` in every window of `windowMs`. */
export interface Rate {
  readonly limit: number;
  readonly windowMs: number;
}

export const PER_MINUTE = 60_000;

/**
 * Counts one use of `bucket` and refuses it (429 `RATE_LIMITED`, with when to come back) once the
 * window's limit is used up. `what` names the limit in the message.
 */
export async function enforceRate(
  db: Db,
  bucket: string,
  rate: Rate,
  what: string,
  now: Date = new Date(),
): Promise<void> {
  const { count, resetAt } = await countHit(db, bucket, rate.windowMs, now);
  if (count <= rate.limit) return;
  const retryAfterMs = resetAt.getTime() - now.getTime();
  throw new LimitExceededError(
    'RATE_LIMITED',
    `too many ${what}: at most ${rate.limit} every ${Math.round(rate.windowMs / 1000)} s; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    retryAfterMs,
    { limit: rate.limit, windowSeconds: rate.windowMs / 1000 },
  );
}
