import { and, eq, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { jobs, orphanFiles } from '../db/schema.js';
import type { Visibility } from '../vocabulary/index.js';

/** A file that no row owns (yet, or any more). */
export interface Orphan {
  readonly storageKey: string;
  /** The side it is on; null when it may be on either. */
  readonly visibility: Visibility | null;
}

/** A running attempt's claim on its files: they are not swept while `leaseHolder` holds `jobId`. */
export interface OrphanClaim {
  readonly jobId: string;
  readonly leaseHolder: string;
}

/**
 * Records files as orphans, due for removal after `sweepAfter` (now by default). Written before a
 * file is stored, or in the transaction in which its owning row goes away.
 */
export async function recordOrphans(
  db: Db,
  files: readonly Orphan[],
  options: { sweepAfter?: Date; claim?: OrphanClaim } = {},
): Promise<void> {
  if (files.length === 0) return;
  const sweepAfter = options.sweepAfter ?? new Date();
  const values = files.map((file) => ({
    storageKey: file.storageKey,
    visibility: file.visibility,
    jobId: options.claim?.jobId ?? null,
    leaseHolder: options.claim?.leaseHolder ?? null,
    sweepAfter,
  }));
  await db
    .insert(orphanFiles)
    .values(values)
    .onConflictDoUpdate({
      target: orphanFiles.storageKey,
      set: {
        visibility: sql`excluded.visibility`,
        jobId: sql`excluded.job_id`,
        leaseHolder: sql`excluded.lease_holder`,
        sweepAfter: sql`excluded.sweep_after`,
      },
    });
}

/** Forgets orphans: a row owns the files now, or they were removed. */
export async function forgetOrphans(db: Db, storageKeys: readonly string[]): Promise<void> {
  if (storageKeys.length === 0) return;
  await db.delete(orphanFiles).where(inArray(orphanFiles.storageKey, [...storageKeys]));
}

/** Orphans due for removal at `now`: past their time, and no running attempt still holds them. */
export async function dueOrphans(db: Db, now: Date, limit = 500): Promise<Orphan[]> {
  const held = db
    .select({ one: sql`1` })
    .from(jobs)
    .where(
      and(
        eq(jobs.id, orphanFiles.jobId),
        eq(jobs.lockedBy, orphanFiles.leaseHolder),
        eq(jobs.status, 'processing'),
      ),
    );
  return db
    .select({ storageKey: orphanFiles.storageKey, visibility: orphanFiles.visibility })
    .from(orphanFiles)
    .where(and(lte(orphanFiles.sweepAfter, now), or(isNull(orphanFiles.leaseHolder), notExists(held))))
    .orderBy(orphanFiles.sweepAfter)
    .limit(limit);
}
