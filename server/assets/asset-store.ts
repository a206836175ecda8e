import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { AssetType } from '../catalogue/index.js';
import { afterPosition, type CursorPosition, type Page, pageSize, toPage } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { assetFiles, assetMoves, assets } from '../db/schema.js';
import { appendEvent } from '../events/event-store.js';
import { forgetOrphans, type Orphan, recordOrphans } from '../files/orphan-file-store.js';
import type { Job } from '../jobs/job.js';
import { type JobExtra, type Lease, settleAttempt } from '../jobs/job-store.js';
import type { Visibility } from '../vocabulary/index.js';
import type { Asset, AssetFile, AssetSource } from './asset.js';
import type { AssetView } from './asset-view.js';

type AssetRow = typeof assets.$inferSelect;
type FileRow = typeof assetFiles.$inferSelect;

/** An asset to store; the id is made here unless the caller already built storage keys from one. */
export interface NewAsset {
  readonly id?: string;
  readonly createdAt?: Date;
  readonly jobId: string;
  readonly channelId: string;
  readonly assetType: AssetType;
  readonly visibility: Visibility;
  readonly files: readonly AssetFile[];
  readonly parentAssetId?: string | null;
  readonly source?: AssetSource | null;
}

function toFile(row: FileRow): AssetFile {
  return {
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    contentType: row.contentType,
    storageKey: row.storageKey,
  };
}

function toAsset(row: AssetRow, files: readonly FileRow[]): Asset {
  return {
    id: row.id,
    jobId: row.jobId,
    channelId: row.channelId,
    assetType: row.assetType,
    visibility: row.visibility,
    // Largest first, the order the catalogue lists sizes in.
    files: files.map(toFile).sort((a, b) => b.width * b.height - a.width * a.height),
    createdAt: row.createdAt,
    parentAssetId: row.parentAssetId,
    source:
      row.sourceKey && row.sourceContentType
        ? { storageKey: row.sourceKey, contentType: row.sourceContentType }
        : null,
  };
}

/** The assets of `rows` with their files, loaded in one query for all of them. */
async function withFiles(db: Db, rows: readonly AssetRow[]): Promise<Asset[]> {
  if (rows.length === 0) return [];
  const files = await db
    .select()
    .from(assetFiles)
    .where(
      inArray(
        assetFiles.assetId,
        rows.map((row) => row.id),
      ),
    );
  const byAsset = new Map<string, FileRow[]>();
  for (const file of files) byAsset.set(file.assetId, [...(byAsset.get(file.assetId) ?? []), file]);
  return rows.map((row) => toAsset(row, byAsset.get(row.id) ?? []));
}

/** Stores an asset and its files together. */
export function insertAsset(db: Db, input: NewAsset): Promise<Asset> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assets)
      .values({
        id: input.id ?? randomUUID(),
        jobId: input.jobId,
        channelId: input.channelId,
        assetType: input.assetType,
        visibility: input.visibility,
        createdAt: input.createdAt ?? new Date(),
        parentAssetId: input.parentAssetId ?? null,
        sourceKey: input.source?.storageKey ?? null,
        sourceContentType: input.source?.contentType ?? null,
      })
      .returning();
    const files =
      input.files.length === 0
        ? []
        : await tx
            .insert(assetFiles)
            .values(
              input.files.map((file) => ({
                assetId: row!.id,
                width: file.width,
                height: file.height,
                bytes: file.bytes,
                contentType: file.contentType,
                storageKey: file.storageKey,
              })),
            )
            .returning();
    return toAsset(row!, files);
  });
}

/** The channel's asset, or null; `publicOnly` hides private ones (for viewers). */
export async function getAsset(
  db: Db,
  channelId: string,
  id: string,
  options: { publicOnly?: boolean } = {},
): Promise<Asset | null> {
  const [row] = await db
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.id, id),
        eq(assets.channelId, channelId),
        options.publicOnly ? eq(assets.visibility, 'public') : undefined,
      ),
    );
  return row ? ((await withFiles(db, [row]))[0] ?? null) : null;
}

/** Any channel's asset when it is public, or null: what `GET /asset/:id` serves without auth. */
export async function getPublicAsset(db: Db, id: string): Promise<Asset | null> {
  const [row] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), eq(assets.visibility, 'public')));
  return row ? ((await withFiles(db, [row]))[0] ?? null) : null;
}

/** The channel's assets, newest first, one page at a time. */
export async function listAssets(
  db: Db,
  channelId: string,
  options: {
    assetType?: AssetType | undefined;
    visibility?: Visibility | undefined;
    limit?: number | undefined;
    after?: CursorPosition | undefined;
  } = {},
): Promise<Page<Asset>> {
  const size = pageSize(options.limit);
  const rows = await db
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.channelId, channelId),
        options.assetType ? eq(assets.assetType, options.assetType) : undefined,
        options.visibility ? eq(assets.visibility, options.visibility) : undefined,
        options.after ? afterPosition(assets.createdAt, assets.id, options.after) : undefined,
      ),
    )
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(size + 1);
  const page = toPage(rows, size);
  return { items: await withFiles(db, page.items), next: page.next };
}

/** The oldest ancestor of the channel's asset `id` (itself when it has no parent), or null when there is no such asset. */
async function rootOf(db: Db, channelId: string, id: string): Promise<string | null> {
  let current: string | null = null;
  for (let next: string | null = id; next !== null; ) {
    const [row]: { parentAssetId: string | null }[] = await db
      .select({ parentAssetId: assets.parentAssetId })
      .from(assets)
      .where(and(eq(assets.id, next), eq(assets.channelId, channelId)));
    if (!row) return current;
    current = next;
    next = row.parentAssetId;
  }
  return current;
}

/**
 * The version line `id` belongs to: its root ancestor and every descendant of that root
 * (refinements of refinements), oldest first; `publicOnly` leaves private ones out. Empty when
 * the channel has no such asset. A parent always exists before its children, so no line loops.
 */
export async function listAssetLine(
  db: Db,
  channelId: string,
  id: string,
  options: { publicOnly?: boolean } = {},
): Promise<Asset[]> {
  const root = await rootOf(db, channelId, id);
  if (!root) return [];
  const ids = [root];
  // One query per generation of the line, breadth first; lines are a handful of levels deep.
  for (let frontier = [root]; frontier.length > 0; ) {
    const children = await db
      .select({ id: assets.id })
      .from(assets)
      .where(and(eq(assets.channelId, channelId), inArray(assets.parentAssetId, frontier)));
    frontier = children.map((child) => child.id);
    ids.push(...frontier);
  }
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(assets)
    .where(
      and(
        inArray(assets.id, ids),
        eq(assets.channelId, channelId),
        options.publicOnly ? eq(assets.visibility, 'public') : undefined,
      ),
    )
    .orderBy(assets.createdAt, assets.id);
  return withFiles(db, rows);
}

/** The assets one of the channel's jobs made, oldest first. */
export function listAssetsForJob(db: Db, channelId: string, jobId: string): Promise<Asset[]> {
  return listAssetsForJobs(db, channelId, [jobId]);
}

/** The assets some of the channel's jobs made, oldest first, in one query (and one for their files). */
export async function listAssetsForJobs(
  db: Db,
  channelId: string,
  jobIds: readonly string[],
): Promise<Asset[]> {
  if (jobIds.length === 0) return [];
  const rows = await db
    .select()
    .from(assets)
    .where(and(eq(assets.channelId, channelId), inArray(assets.jobId, [...jobIds])))
    .orderBy(assets.createdAt, assets.id);
  return withFiles(db, rows);
}

/** The channel's asset row, locked until the transaction ends; null when there is none. */
export async function lockAsset(tx: Db, channelId: string | null, id: string): Promise<Asset | null> {
  const [row] = await tx
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), channelId === null ? undefined : eq(assets.channelId, channelId)))
    .for('update');
  return row ? ((await withFiles(tx, [row]))[0] ?? null) : null;
}

/** Sets an asset's visibility (the caller holds its lock and has moved its files). */
export async function writeAssetVisibility(tx: Db, asset: Asset, visibility: Visibility): Promise<Asset> {
  await tx.update(assets).set({ visibility }).where(eq(assets.id, asset.id));
  return { ...asset, visibility };
}

/** Records that the asset should become `target`; the latest request wins. */
export async function requestAssetMove(tx: Db, assetId: string, target: Visibility): Promise<void> {
  const now = new Date();
  await tx
    .insert(assetMoves)
    .values({ assetId, target, requestedAt: now })
    .onConflictDoUpdate({ target: assetMoves.assetId, set: { target, requestedAt: now } });
}

/** The visibility change asked for and not yet finished, if any. */
export async function pendingAssetMove(tx: Db, assetId: string): Promise<Visibility | null> {
  const [row] = await tx.select().from(assetMoves).where(eq(assetMoves.assetId, assetId));
  return row?.target ?? null;
}

/** Forgets a finished visibility change. */
export async function clearAssetMove(tx: Db, assetId: string): Promise<void> {
  await tx.delete(assetMoves).where(eq(assetMoves.assetId, assetId));
}

/** Ids of assets with a visibility change asked for before `before`, oldest first. */
export async function assetMovesBefore(db: Db, before: Date, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ assetId: assetMoves.assetId })
    .from(assetMoves)
    .where(lte(assetMoves.requestedAt, before))
    .orderBy(assetMoves.requestedAt)
    .limit(limit);
  return rows.map((row) => row.assetId);
}

/**
 * Every file an asset owns, as orphans-to-be: its sizes on either side (a visibility change cut
 * short may have left some on the other one) and its source, which only ever lives privately.
 */
export function storedFilesOf(asset: Pick<NewAsset, 'files' | 'source'>): Orphan[] {
  return [
    ...asset.files.map((file) => ({ storageKey: file.storageKey, visibility: null })),
    ...(asset.source ? [{ storageKey: asset.source.storageKey, visibility: 'private' as const }] : []),
  ];
}

/**
 * Deletes the channel's asset, records its files as orphans and announces the deletion, in one
 * transaction: a crash right after it leaves files the reconciler removes, never files nobody
 * can delete. Returns what was deleted so the caller can remove its files now.
 */
export function deleteAsset(db: Db, channelId: string, id: string): Promise<Asset | null> {
  return db.transaction(async (tx) => {
    const asset = await lockAsset(tx, channelId, id);
    if (!asset) return null;
    await recordOrphans(tx, storedFilesOf(asset));
    await tx.delete(assets).where(eq(assets.id, asset.id));
    await appendEvent(tx, {
      channelId,
      type: 'asset.deleted',
      audience: asset.visibility,
      data: { id: asset.id },
    });
    return asset;
  });
}

/**
 * Marks the job its `lease` holds completed, stores the asset it made and announces both, in one
 * transaction: either all of it happens or none does. Fenced on the lease (`LeaseLostError` for a
 * worker that no longer holds the job). The asset's files stop being orphans here.
 */
export async function completeJobWithAsset(
  db: Db,
  lease: Lease,
  asset: NewAsset & { readonly id: string },
  announce: AssetView,
  extra: JobExtra = {},
): Promise<{ job: Job; asset: Asset }> {
  const { job, result } = await settleAttempt(db, lease, { type: 'complete' }, extra, async (tx) => {
    const stored = await insertAsset(tx, asset);
    await forgetOrphans(
      tx,
      storedFilesOf(asset).map((file) => file.storageKey),
    );
    await appendEvent(tx, {
      channelId: stored.channelId,
      type: 'asset.created',
      audience: stored.visibility,
      data: announce,
    });
    return stored;
  });
  return { job, asset: result };
}
