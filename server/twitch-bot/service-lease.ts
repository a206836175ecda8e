import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { serviceLeases } from '../db/schema.js';
import type { Logger } from '../logging/logger.js';

/**
 * Takes the lease `name` for `holder` for `ttlMs`, or renews it if `holder` has it already; true
 * when `holder` holds it afterwards. One statement, timed by the database's clock, so two
 * processes racing for an expired lease cannot both win and their own clocks do not matter.
 */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = sql`now() + ${ttlMs} * interval '1 millisecond'`;
  const rows = await db
    .insert(serviceLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: serviceLeases.name,
      set: { holder, expiresAt },
      setWhere: sql`${serviceLeases.holder} = ${holder} or ${serviceLeases.expiresAt} < now()`,
    })
    .returning({ holder: serviceLeases.holder });
  return rows.length === 1;
}

/** Gives the lease up at once (a clean stop), so another process need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(serviceLeases).where(and(eq(serviceLeases.name, name), eq(serviceLeases.holder, holder)));
}

/** Who holds the lease now, or null when nobody does (never taken, released or expired). */
export async function leaseHolder(db: Db, name: string): Promise<string | null> {
  const [row] = await db
    .select({ holder: serviceLeases.holder })
    .from(serviceLeases)
    .where(and(eq(serviceLeases.name, name), sql`${serviceLeases.expiresAt} >= now()`));
  return row?.holder ?? null;
}

export interface ServiceLeaseOptions {
  readonly db: Db;
  readonly name: string;
  /** This process's name for itself; unique per process. */
  readonly holder: string;
  /** How long a taken lease lasts without renewal: how long a dead holder keeps others waiting. */
  readonly ttlMs: number;
  readonly logger: Logger;
  /** Called when this process comes to hold the lease (true) or stops holding it (false). */
  readonly onChange: (held: boolean) => void | Promise<void>;
}

/**
 * Keeps trying for a lease and renews it while held, every third of its life. A renewal that fails
 * (lost to another process after a stall, or a database error) counts as losing it: the holder
 * stops its work before the lease could have expired for anyone else.
 */
export class ServiceLease {
  #held = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #tick: Promise<void> = Promise.resolve();

  constructor(private readonly options: ServiceLeaseOptions) {}

  get held(): boolean {
    return this.#held;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops renewing, lets the holder's work stop, and releases the lease if held. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    if (!this.#held) return;
    this.#held = false;
    await this.options.onChange(false);
    await releaseLease(this.options.db, this.options.name, this.options.holder).catch((err: unknown) =>
      this.options.logger.warn({ err, lease: this.options.name }, 'lease not released'),
    );
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#renew();
    }, ms);
    this.#timer.unref?.();
  }

  async #renew(): Promise<void> {
    const { db, name, holder, ttlMs, logger } = this.options;
    let held: boolean;
    try {
      held = await takeLease(db, name, holder, ttlMs);
    } catch (err) {
      logger.warn({ err, lease: name }, 'lease not renewed');
      held = false;
    }
    if (this.#stopped) {
      if (held && !this.#held) await releaseLease(db, name, holder).catch(() => undefined);
      return;
    }
    if (held !== this.#held) {
      this.#held = held;
      logger.info({ lease: name, holder }, held ? 'lease taken' : 'lease lost');
      try {
        await this.options.onChange(held);
      } catch (err) {
        logger.error({ err, lease: name }, 'lease holder failed to change over');
        // Holding a lease without doing its work would keep every other process from doing it.
        if (held) {
          this.#held = false;
          await releaseLease(db, name, holder).catch(() => undefined);
        }
      }
    }
    this.#schedule(Math.max(50, Math.floor(ttlMs / 3)));
  }
}
