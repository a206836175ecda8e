import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { brandKits, referenceImages } from '../db/schema.js';
import { type Orphan, recordOrphans } from '../files/orphan-file-store.js';
import type { ReferenceImageRecord } from './reference-image.js';

type ReferenceImageRow = typeof referenceImages.$inferSelect;

const toRecord = (row: ReferenceImageRow): ReferenceImageRecord => ({
  id: row.id,
  channelId: row.channelId,
  brandKitId: row.brandKitId,
  label: row.label,
  storageKey: row.storageKey,
  contentType: row.contentType,
  bytes: row.bytes,
  createdAt: row.createdAt,
});

const scoped = (channelId: string, id: string) =>
  and(eq(referenceImages.channelId, channelId), eq(referenceImages.id, id));

const fileOf = (row: { storageKey: string }): Orphan => ({
  storageKey: row.storageKey,
  visibility: 'private',
});

/**
 * The channel's reference images, oldest first (the order the worker attaches them in): all of
 * them, those of one kit (`brandKitId`), or those of no kit (`null`).
 */
export async function listReferenceImages(
  db: Db,
  channelId: string,
  brandKitId?: string | null,
): Promise<ReferenceImageRecord[]> {
  const kit =
    brandKitId === undefined
      ? undefined
      : brandKitId === null
        ? isNull(referenceImages.brandKitId)
        : eq(referenceImages.brandKitId, brandKitId);
  const rows = await db
    .select()
    .from(referenceImages)
    .where(and(eq(referenceImages.channelId, channelId), kit))
    .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id));
  return rows.map(toRecord);
}

/** The ids among `ids` that name no reference image of the channel. */
export async function unknownReferenceImages(
  db: Db,
  channelId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: referenceImages.id })
    .from(referenceImages)
    .where(and(eq(referenceImages.channelId, channelId), inArray(referenceImages.id, [...ids])));
  return ids.filter((id) => !rows.some((row) => row.id === id));
}

/** How many reference images the channel holds, and how many of them belong to `brandKitId`. */
export async function countReferenceImages(
  db: Db,
  channelId: string,
  brandKitId: string | null,
): Promise<{ channel: number; kit: number }> {
  const [row] = await db
    .select({
      channel: count(),
      kit: brandKitId
        ? sql<number>`count(*) filter (where ${referenceImages.brandKitId} = ${brandKitId})`.mapWith(Number)
        : sql<number>`0`.mapWith(Number),
    })
    .from(referenceImages)
    .where(eq(referenceImages.channelId, channelId));
  return { channel: row?.channel ?? 0, kit: row?.kit ?? 0 };
}

/**
 * Serialises reference writes of one channel until the transaction ends, so two uploads cannot
 * both pass a cap with room for one.
 */
export async function lockChannelReferences(tx: Db, channelId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`references:${channelId}`}))`);
}

/**
 * True when the kit is the channel's, share-locked until the transaction ends: a kit being deleted
 * (it is locked for update first) is waited for and then found gone, so no reference row can slip
 * in under a kit whose files were already listed for removal.
 */
export async function holdBrandKit(tx: Db, channelId: string, brandKitId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: brandKits.id })
    .from(brandKits)
    .where(and(eq(brandKits.channelId, channelId), eq(brandKits.id, brandKitId)))
    .for('share');
  return rows.length > 0;
}

/** Inserts a reference image row; its file must already be stored (and recorded as an orphan until now). */
export async function insertReferenceImage(
  tx: Db,
  record: Omit<ReferenceImageRecord, 'createdAt'>,
): Promise<ReferenceImageRecord> {
  const [row] = await tx
    .insert(referenceImages)
    .values({ ...record, createdAt: new Date() })
    .returning();
  return toRecord(row!);
}

/** Deletes one reference image; its file is recorded as an orphan in the same transaction. */
export function deleteReferenceImage(
  db: Db,
  channelId: string,
  id: string,
): Promise<ReferenceImageRecord | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(referenceImages).where(scoped(channelId, id)).returning();
    if (!row) return null;
    await recordOrphans(tx, [fileOf(row)]);
    return toRecord(row);
  });
}

/**
 * Deletes a brand kit's reference images ahead of the kit (whose delete would cascade to them
 * without a word about their files): locks the kit first, so no upload adds one meanwhile, and
 * records every file as an orphan in the caller's transaction. Returns those files.
 */
export async function deleteBrandKitReferences(
  tx: Db,
  channelId: string,
  brandKitId: string,
): Promise<Orphan[]> {
  await tx
    .select({ id: brandKits.id })
    .from(brandKits)
    .where(and(eq(brandKits.channelId, channelId), eq(brandKits.id, brandKitId)))
    .for('update');
  const rows = await tx
    .delete(referenceImages)
    .where(and(eq(referenceImages.channelId, channelId), eq(referenceImages.brandKitId, brandKitId)))
    .returning({ storageKey: referenceImages.storageKey });
  const files = rows.map(fileOf);
  await recordOrphans(tx, files);
  return files;
}
