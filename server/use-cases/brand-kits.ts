import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import type { BrandKit } from '../brand/brand-kit.js';
import type { BrandKitPatch, BrandKitRecord } from '../brand/brand-kit-record.js';
import {
  createBrandKit,
  deleteBrandKit,
  getBrandKit,
  listBrandKits,
  replaceBrandKitLogo,
  updateBrandKit,
} from '../brand/brand-kit-store.js';
import { InvalidInputError, NotFoundError, PayloadTooLargeError } from '../errors/index.js';
import { recordOrphans, removeOrphans } from '../files/index.js';
import { type ImageType, keptImageType } from '../images/index.js';
import { sharp } from '../images/sharp.js';
import { authorize } from '../policy/index.js';
import { deleteBrandKitReferences } from '../references/index.js';
import { removeReferenceFiles } from './reference-images.js';
import type { Services } from './services.js';

/** Logos larger than this are refused: they only steer the model, they are never shown. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** And logos with more pixels than this: a small file can still decode to gigabytes. */
export const MAX_LOGO_PIXELS = 4096 * 4096;
/** An upload still unclaimed after this long was cut short: its file is swept. */
const UPLOAD_GRACE_MS = 10 * 60_000;

function found(kit: BrandKitRecord | null): BrandKitRecord {
  if (!kit) throw new NotFoundError('no such brand kit on this channel');
  return kit;
}

export function readBrandKits(services: Services, caller: Caller): Promise<BrandKitRecord[]> {
  authorize(caller, 'brand_kit.read');
  return listBrandKits(services.database.db, caller.channelId);
}

export async function readBrandKit(services: Services, caller: Caller, id: string): Promise<BrandKitRecord> {
  authorize(caller, 'brand_kit.read');
  return found(await getBrandKit(services.database.db, caller.channelId, id));
}

/** Creates a kit; the channel's first one becomes active. */
export function addBrandKit(
  services: Services,
  caller: Caller,
  kit: BrandKit & { active?: boolean | undefined },
): Promise<BrandKitRecord> {
  authorize(caller, 'brand_kit.write');
  return services.database.db.transaction(async (tx) => {
    const made = await createBrandKit(tx, caller.channelId, kit);
    await recordAudit(tx, caller, 'brand_kit.create', made.id, { name: made.name });
    return made;
  });
}

export async function changeBrandKit(
  services: Services,
  caller: Caller,
  id: string,
  patch: BrandKitPatch,
): Promise<BrandKitRecord> {
  authorize(caller, 'brand_kit.write');
  return services.database.db.transaction(async (tx) => {
    const kit = found(await updateBrandKit(tx, caller.channelId, id, patch));
    await recordAudit(tx, caller, 'brand_kit.update', id, { fields: Object.keys(patch).sort() });
    return kit;
  });
}

/**
 * Deletes a kit; its logo file and its reference images' files go with it (now, or by the
 * reconciler after a crash: each is recorded as an orphan in the transaction that deletes its row).
 */
export async function removeBrandKit(services: Services, caller: Caller, id: string): Promise<void> {
  authorize(caller, 'brand_kit.write');
  const { kit, references } = await services.database.db.transaction(async (tx) => {
    const references = await deleteBrandKitReferences(tx, caller.channelId, id);
    const deleted = found(await deleteBrandKit(tx, caller.channelId, id));
    await recordAudit(tx, caller, 'brand_kit.delete', id, { name: deleted.name });
    return { kit: deleted, references };
  });
  if (kit.logo) await removeLogoFile(services, kit.logo.storageKey);
  await removeReferenceFiles(services, references);
}

/** Checks what an uploaded logo really is, whatever its Content-Type claimed. */
async function sniffLogo(data: Buffer): Promise<ImageType> {
  if (data.length > MAX_LOGO_BYTES) throw new PayloadTooLargeError('a logo may be 2 MB at most');
  // sharp throws synchronously (not a rejected promise) on an empty buffer.
  if (data.length === 0) throw new InvalidInputError('send the logo image as the request body');
  // Reads the header only: the size is known before a single pixel is decoded.
  const metadata = await sharp(data)
    .metadata()
    .catch(() => undefined);
  const type = keptImageType(metadata?.format);
  if (!metadata || !type) throw new InvalidInputError('the logo must be a PNG, JPEG or WebP image');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_LOGO_PIXELS)
    throw new PayloadTooLargeError(
      `a logo may have at most ${MAX_LOGO_PIXELS} pixels (4096×4096); this one is ${metadata.width}×${metadata.height}`,
    );
  return type;
}

/**
 * Stores a new logo for the kit. The file is recorded as an orphan before it is written and
 * claimed by the kit when the row points at it; the logo it replaces becomes an orphan in that
 * same transaction. A crash at any step leaves nothing the reconciler cannot clean up.
 */
export async function uploadBrandKitLogo(
  services: Services,
  caller: Caller,
  id: string,
  data: Buffer,
): Promise<BrandKitRecord> {
  authorize(caller, 'brand_kit.write');
  const db = services.database.db;
  found(await getBrandKit(db, caller.channelId, id));
  const { contentType, extension } = await sniffLogo(data);
  const storageKey = `logos/${id}/${randomUUID()}.${extension}`;
  await recordOrphans(db, [{ storageKey, visibility: 'private' }], {
    sweepAfter: new Date(Date.now() + UPLOAD_GRACE_MS),
  });
  await services.storage.put({ key: storageKey, data, contentType, visibility: 'private' });
  const replaced = await db.transaction(async (tx) => {
    const done = await replaceBrandKitLogo(tx, caller.channelId, id, {
      storageKey,
      contentType,
      bytes: data.length,
    });
    if (done) await recordAudit(tx, caller, 'brand_kit.logo', id, { contentType, bytes: data.length });
    return done;
  });
  if (!replaced) {
    // The kit was deleted while the file was being written.
    await removeLogoFile(services, storageKey);
    throw new NotFoundError('no such brand kit on this channel');
  }
  if (replaced.replaced) await removeLogoFile(services, replaced.replaced.storageKey);
  return replaced.kit;
}

async function removeLogoFile(services: Services, storageKey: string): Promise<void> {
  await removeOrphans(services.database.db, services.storage, [{ storageKey, visibility: 'private' }]).catch(
    (err) => services.logger.warn({ err, storageKey }, 'removing a logo failed; the reconciler will'),
  );
}
