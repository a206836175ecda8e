import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AssetType } from '../catalogue/index.js';
import { afterCursor, type Page, pageSize, toPage } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { assetFiles, assets } from '../db/schema.js';
import type { Job } from '../jobs/job.js';
import { applyJobEvent, type JobExtra } from '../jobs/job-store.js';
import type { Asset, AssetFile, Visibility } from './asset.js';

type AssetRow = typeof assets.$inferSelect;
type FileRow = typeof assetFiles.$inferSelect;

/** An asset to store; the id is made here unless the caller already built storage keys from one. */
export interface NewAsset {
  readonly id?: string;
  readonly jobId: string;
  readonly channelId: string;
  readonly assetType: AssetType;
  readonly visibility: Visibility;
  readonly files: readonly AssetFile[];
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
        createdAt: new Date(),
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
    cursor?: string | undefined;
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
        options.cursor ? afterCursor(assets.createdAt, assets.id, options.cursor) : undefined,
      ),
    )
    .orderBy(desc(assets.createdAt), desc(assets.id))
    .limit(size + 1);
  const page = toPage(rows, size);
  return { items: await withFiles(db, page.items), nextCursor: page.nextCursor };
}

/** The assets one of the channel's jobs made, oldest first. */
export async function listAssetsForJob(db: Db, channelId: string, jobId: string): Promise<Asset[]> {
  const rows = await db
    .select()
    .from(assets)
    .where(and(eq(assets.channelId, channelId), eq(assets.jobId, jobId)))
    .orderBy(assets.createdAt, assets.id);
  return withFiles(db, rows);
}

/** Makes the channel's asset public or private; null when there is no such asset. */
export async function setAssetVisibility(
  db: Db,
  channelId: string,
  id: string,
  visibility: Visibility,
): Promise<Asset | null> {
  const [row] = await db
    .update(assets)
    .set({ visibility })
    .where(and(eq(assets.id, id), eq(assets.channelId, channelId)))
    .returning();
  return row ? ((await withFiles(db, [row]))[0] ?? null) : null;
}

/** Deletes the channel's asset and its file rows; returns what was deleted so its files can be removed. */
export function deleteAsset(db: Db, channelId: string, id: string): Promise<Asset | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(assets)
      .where(and(eq(assets.id, id), eq(assets.channelId, channelId)))
      .for('update');
    if (!row) return null;
    const files = await tx.delete(assetFiles).where(eq(assetFiles.assetId, row.id)).returning();
    await tx.delete(assets).where(eq(assets.id, row.id));
    return toAsset(row, files);
  });
}

/** The asset a job made: its files, and its id when storage keys were already built from one. */
export type AssetOfJob = Pick<NewAsset, 'id' | 'files'>;

/**
 * Marks a processing job completed and stores the asset it made, in one transaction: either both
 * happen or neither does. The asset takes its channel, type and visibility from the job.
 */
export function completeJobWithAsset(
  db: Db,
  jobId: string,
  asset: AssetOfJob,
  extra: JobExtra = {},
): Promise<{ job: Job; asset: Asset }> {
  return db.transaction(async (tx) => {
    const { job } = await applyJobEvent(tx, null, jobId, { type: 'complete' }, extra);
    const stored = await insertAsset(tx, {
      ...(asset.id === undefined ? {} : { id: asset.id }),
      jobId: job.id,
      channelId: job.channelId,
      assetType: job.assetType,
      visibility: job.visibility,
      files: asset.files,
    });
    return { job, asset: stored };
  });
}
