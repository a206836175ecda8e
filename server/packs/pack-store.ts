import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { afterPosition, type CursorPosition, type Page, pageSize, toPage } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { jobs, packs } from '../db/schema.js';
import type { JobStatus } from '../jobs/job-status.js';
import type { ErrorCode } from '../vocabulary/index.js';
import type { Pack } from './pack.js';
import type { PackStatus } from './pack-plan-types.js';

type PackRow = typeof packs.$inferSelect;

const toPack = (row: PackRow): Pack => ({ ...row });

/** Stores a new pack, `running`; null when a pack with its id exists already (a repeated request). */
export async function insertPack(
  db: Db,
  pack: Omit<Pack, 'status' | 'stopCode' | 'stopMessage' | 'expandedAt' | 'updatedAt'>,
): Promise<Pack | null> {
  const [row] = await db
    .insert(packs)
    .values({
      ...pack,
      subjects: [...pack.subjects],
      pieces: [...pack.pieces],
      status: 'running',
      updatedAt: pack.createdAt,
    })
    .onConflictDoNothing()
    .returning();
  return row ? toPack(row) : null;
}

/** The channel's pack, or null (also for another channel's); `lock` holds its row until the transaction ends. */
export async function getPack(db: Db, channelId: string, id: string, lock = false): Promise<Pack | null> {
  const query = db
    .select()
    .from(packs)
    .where(and(eq(packs.channelId, channelId), eq(packs.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ? toPack(row) : null;
}

/** The channel's packs, newest first, a page at a time. */
export async function listPacks(
  db: Db,
  channelId: string,
  options: { limit?: number | undefined; after?: CursorPosition | undefined } = {},
): Promise<Page<Pack>> {
  const size = pageSize(options.limit);
  const rows = await db
    .select()
    .from(packs)
    .where(
      and(
        eq(packs.channelId, channelId),
        options.after ? afterPosition(packs.createdAt, packs.id, options.after) : undefined,
      ),
    )
    .orderBy(desc(packs.createdAt), desc(packs.id))
    .limit(size + 1);
  return toPage(rows.map(toPack), size);
}

/** Running packs, oldest first, of one channel or of all: what an advancer looks at. */
export async function listRunningPacks(
  db: Db,
  channelId?: string,
): Promise<{ id: string; channelId: string }[]> {
  return db
    .select({ id: packs.id, channelId: packs.channelId })
    .from(packs)
    .where(and(eq(packs.status, 'running'), channelId ? eq(packs.channelId, channelId) : undefined))
    .orderBy(asc(packs.createdAt));
}

/** Changes how far the pack got; the caller holds its row lock. */
export async function updatePack(
  db: Db,
  pack: Pick<Pack, 'id' | 'channelId'>,
  change: {
    status?: PackStatus;
    stopCode?: ErrorCode | null;
    stopMessage?: string | null;
    expandedAt?: Date;
  },
): Promise<void> {
  await db
    .update(packs)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(packs.channelId, pack.channelId), eq(packs.id, pack.id)));
}

/** What a pack needs to know of one of its jobs. */
export interface PackJob {
  readonly id: string;
  readonly piece: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly errorCode: ErrorCode | null;
  readonly errorMessage: string | null;
}

/** The pack's jobs by piece key (the first made, should a piece somehow have two). */
export async function packJobs(db: Db, pack: Pick<Pack, 'id' | 'channelId'>): Promise<Map<string, PackJob>> {
  return (await packJobsOf(db, pack.channelId, [pack.id])).get(pack.id) ?? new Map();
}

/** The jobs of some of the channel's packs, by pack id and then by piece key, in one query. */
export async function packJobsOf(
  db: Db,
  channelId: string,
  packIds: readonly string[],
): Promise<Map<string, Map<string, PackJob>>> {
  const byPack = new Map<string, Map<string, PackJob>>();
  if (packIds.length === 0) return byPack;
  const rows = await db
    .select({
      id: jobs.id,
      packId: jobs.packId,
      piece: jobs.packPiece,
      status: jobs.status,
      progress: jobs.progress,
      errorCode: jobs.errorCode,
      errorMessage: jobs.errorMessage,
    })
    .from(jobs)
    .where(and(eq(jobs.channelId, channelId), inArray(jobs.packId, [...packIds])))
    .orderBy(asc(jobs.createdAt), asc(jobs.id));
  for (const { packId, piece, ...job } of rows) {
    if (!packId || !piece) continue;
    const byPiece = byPack.get(packId) ?? new Map<string, PackJob>();
    byPack.set(packId, byPiece);
    if (!byPiece.has(piece)) byPiece.set(piece, { piece, ...job });
  }
  return byPack;
}
