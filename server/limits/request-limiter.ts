import type { Db } from '../db/database.js';
import { LimitExceededError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { countHit, windowOf } from './rate-limit-store.js';

/** Where one bucket stands in the current window: what the database last said, and what is not sent yet. */
interface Tally {
  windowStart: number;
  /** The window's count across every process, as of the last sync (our own sent hits included). */
  known: number;
  /** Hits taken here since the last sync. */
  pending: number;
}

export interface RequestLimiterOptions {
  readonly db: Db;
  readonly limit: number;
  readonly windowMs: number;
  /** How often this process adds its hits to the shared counts and reads the others'. */
  readonly syncMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/**
 * Counts API requests per caller against a limit every server process shares, without a database
 * write per request: each process counts in memory and adds its hits to the shared row every
 * `syncMs`, reading back the total. A request is refused when the shared total plus what this
 * process has not sent yet reaches the limit; across processes the limit can be overshot by at most
 * what they take in one sync interval.
 */
export class RequestLimiter {
  readonly #options: RequestLimiterOptions;
  readonly #tallies = new Map<string, Tally>();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #syncing: Promise<void> | undefined;

  constructor(options: RequestLimiterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts the periodic sync. */
  start(): void {
    this.#timer ??= setInterval(() => void this.sync(), this.#options.syncMs ?? 250);
    this.#timer.unref();
  }

  /** Stops syncing, after sending what is pending. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.sync();
  }

  /** Counts one request of `bucket`, or throws 429 `RATE_LIMITED` (with when to come back) past the limit. */
  hit(bucket: string): void {
    const { limit, windowMs } = this.#options;
    const now = this.#now();
    const windowStart = windowOf(new Date(now), windowMs).getTime();
    let tally = this.#tallies.get(bucket);
    if (!tally || tally.windowStart !== windowStart) {
      tally = { windowStart, known: 0, pending: 0 };
      this.#tallies.set(bucket, tally);
    }
    if (tally.known + tally.pending >= limit) {
      const retryAfterMs = windowStart + windowMs - now;
      throw new LimitExceededError(
        'RATE_LIMITED',
        `too many requests: at most ${limit} a minute; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        retryAfterMs,
        { limit, windowSeconds: windowMs / 1000 },
      );
    }
    tally.pending++;
  }

  /** Adds this process's pending hits to the shared counts and learns everyone's totals. */
  sync(): Promise<void> {
    this.#syncing ??= this.#syncAll().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  async #syncAll(): Promise<void> {
    const { db, windowMs, logger } = this.#options;
    const current = windowOf(new Date(this.#now()), windowMs).getTime();
    for (const [bucket, tally] of this.#tallies) {
      if (tally.windowStart < current) {
        this.#tallies.delete(bucket);
        continue;
      }
      const sending = tally.pending;
      // A bucket not hit since the last sync needs no news until it is hit again.
      if (sending === 0) continue;
      try {
        const { count } = await countHit(db, bucket, windowMs, new Date(tally.windowStart), sending);
        tally.pending -= sending;
        tally.known = count;
      } catch (err) {
        logger?.warn({ err }, 'syncing request counts failed; counting locally until it works');
        return;
      }
    }
  }
}
