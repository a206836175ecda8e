import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { ensureChannel } from '../channels/channel-store.js';
import type { Db } from '../db/database.js';
import { brandKits, channels } from '../db/schema.js';
import { forgetOrphans, recordOrphans } from '../files/orphan-file-store.js';
import type { BrandKit } from './brand-kit.js';
import type { BrandKitLogo, BrandKitPatch, BrandKitRecord } from './brand-kit-record.js';

type BrandKitRow = typeof brandKits.$inferSelect;

function toRecord(row: BrandKitRow): BrandKitRecord {
  const logo =
    row.logoStorageKey !== null && row.logoContentType !== null && row.logoBytes !== null
      ? { storageKey: row.logoStorageKey, contentType: row.logoContentType, bytes: row.logoBytes }
      : null;
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    colors: row.colors,
    fonts: row.fonts,
    tone: row.tone,
    styleWords: row.styleWords,
    ...(row.logoDescription === null ? {} : { logoDescription: row.logoDescription }),
    active: row.active,
    logo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const scoped = (channelId: string, id: string) =>
  and(eq(brandKits.id, id), eq(brandKits.channelId, channelId));

/** Clears the active flag of the channel's other kits, so `keepId` can be the one. */
async function deactivateOthers(tx: Db, channelId: string, keepId: string): Promise<void> {
  await tx
    .update(brandKits)
    .set({ active: false })
    .where(and(eq(brandKits.channelId, channelId), eq(brandKits.active, true), ne(brandKits.id, keepId)));
}

/**
 * Stores a kit for the channel (creating the channel row if needed). The channel's first kit is
 * active; `active: true` makes this one the active kit and deactivates the others.
 */
export function createBrandKit(
  db: Db,
  channelId: string,
  kit: BrandKit & { active?: boolean },
): Promise<BrandKitRecord> {
  return db.transaction(async (tx) => {
    // The upsert locks the channel row, so concurrent kit writes on one channel take turns.
    await ensureChannel(tx, channelId);
    const [existing] = await tx
      .select({ id: brandKits.id })
      .from(brandKits)
      .where(eq(brandKits.channelId, channelId))
      .limit(1);
    const active = existing === undefined || kit.active === true;
    const id = randomUUID();
    if (active) await deactivateOthers(tx, channelId, id);
    const now = new Date();
    const [row] = await tx
      .insert(brandKits)
      .values({
        id,
        channelId,
        name: kit.name,
        colors: kit.colors,
        fonts: kit.fonts,
        tone: kit.tone,
        styleWords: kit.styleWords,
        logoDescription: kit.logoDescription ?? null,
        active,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toRecord(row!);
  });
}

/** The channel's kit, or null. */
export async function getBrandKit(db: Db, channelId: string, id: string): Promise<BrandKitRecord | null> {
  const [row] = await db.select().from(brandKits).where(scoped(channelId, id));
  return row ? toRecord(row) : null;
}

/** The channel's kits, oldest first. */
export async function listBrandKits(db: Db, channelId: string): Promise<BrandKitRecord[]> {
  const rows = await db
    .select()
    .from(brandKits)
    .where(eq(brandKits.channelId, channelId))
    .orderBy(brandKits.createdAt, brandKits.id);
  return rows.map(toRecord);
}

/** The kit prompts use by default on the channel, or null when it has none active. */
export async function getActiveBrandKit(db: Db, channelId: string): Promise<BrandKitRecord | null> {
  const [row] = await db
    .select()
    .from(brandKits)
    .where(and(eq(brandKits.channelId, channelId), eq(brandKits.active, true)));
  return row ? toRecord(row) : null;
}

/** Changes the fields `patch` names; null when the channel has no such kit. */
export function updateBrandKit(
  db: Db,
  channelId: string,
  id: string,
  patch: BrandKitPatch,
): Promise<BrandKitRecord | null> {
  return db.transaction(async (tx) => {
    // Lock the channel first (as createBrandKit does), then check the kit is there before touching others.
    await tx.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId)).for('update');
    const [current] = await tx.select({ id: brandKits.id }).from(brandKits).where(scoped(channelId, id));
    if (!current) return null;
    if (patch.active === true) await deactivateOthers(tx, channelId, id);
    // Field by field, so nothing but kit fields (no id, no channel) can reach the row.
    const { name, colors, fonts, tone, styleWords, logoDescription, active } = patch;
    const [row] = await tx
      .update(brandKits)
      .set({
        ...(name === undefined ? {} : { name }),
        ...(colors === undefined ? {} : { colors }),
        ...(fonts === undefined ? {} : { fonts }),
        ...(tone === undefined ? {} : { tone }),
        ...(styleWords === undefined ? {} : { styleWords }),
        ...(logoDescription === undefined ? {} : { logoDescription }),
        ...(active === undefined ? {} : { active }),
        updatedAt: new Date(),
      })
      .where(scoped(channelId, id))
      .returning();
    return row ? toRecord(row) : null;
  });
}

/**
 * Deletes the channel's kit and returns it, or null; its logo file becomes an orphan in the same
 * transaction, so it is removed even if the process dies before the caller removes it. Deleting
 * the active kit leaves the channel with none active: prompts fall back to the default kit.
 */
export function deleteBrandKit(db: Db, channelId: string, id: string): Promise<BrandKitRecord | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(brandKits).where(scoped(channelId, id)).returning();
    if (!row) return null;
    const kit = toRecord(row);
    if (kit.logo) await recordOrphans(tx, [{ storageKey: kit.logo.storageKey, visibility: 'private' }]);
    return kit;
  });
}

/**
 * Makes `logo` (already stored, and recorded as an orphan until now) the kit's logo; the file it
 * replaces becomes an orphan in the same transaction. Null when the channel has no such kit.
 */
export function replaceBrandKitLogo(
  db: Db,
  channelId: string,
  id: string,
  logo: BrandKitLogo,
): Promise<{ kit: BrandKitRecord; replaced: BrandKitLogo | null } | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(brandKits).where(scoped(channelId, id)).for('update');
    if (!current) return null;
    const [row] = await tx
      .update(brandKits)
      .set({
        logoStorageKey: logo.storageKey,
        logoContentType: logo.contentType,
        logoBytes: logo.bytes,
        updatedAt: new Date(),
      })
      .where(scoped(channelId, id))
      .returning();
    await forgetOrphans(tx, [logo.storageKey]);
    const replaced = toRecord(current).logo;
    if (replaced) await recordOrphans(tx, [{ storageKey: replaced.storageKey, visibility: 'private' }]);
    return { kit: toRecord(row!), replaced };
  });
}
