import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { ensureChannel } from '../channels/channel-store.js';
import type { Db } from '../db/database.js';
import {
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  ReferenceLimitError,
  UnknownBrandKitError,
} from '../errors/index.js';
import { forgetOrphans, type Orphan, recordOrphans, removeOrphans } from '../files/index.js';
import { type ImageType, keptImageType, prepareReferenceImage } from '../images/index.js';
import { sharp } from '../images/sharp.js';
import { authorize } from '../policy/index.js';
import { cleanText } from '../prompts/sanitize-user-text.js';
import {
  countReferenceImages,
  deleteReferenceImage,
  holdBrandKit,
  insertReferenceImage,
  listReferenceImages,
  lockChannelReferences,
  MAX_REFERENCE_BYTES,
  MAX_REFERENCE_LABEL,
  MAX_REFERENCE_PIXELS,
  MAX_REFERENCES_PER_CHANNEL,
  MAX_REFERENCES_PER_KIT,
  type ReferenceImageRecord,
} from '../references/index.js';
import type { Services } from './services.js';

/** An upload still unclaimed after this long was cut short: its file is swept. */
const UPLOAD_GRACE_MS = 10 * 60_000;

/** What a caller uploads: the bytes as sent, their name for it, and the kit it belongs to (if any). */
export interface ReferenceUpload {
  readonly data: Buffer;
  readonly label: string;
  readonly brandKitId?: string | null | undefined;
}

/** The label as stored: cleaned like any user text (controls, template syntax), 1–80 characters. */
function labelOf(raw: string): string {
  const label = cleanText(raw);
  const length = [...label].length;
  if (length === 0 || length > MAX_REFERENCE_LABEL)
    throw new InvalidInputError(`label must be 1–${MAX_REFERENCE_LABEL} characters once cleaned`, [
      { path: 'label', message: length === 0 ? 'empty' : `longer than ${MAX_REFERENCE_LABEL} characters` },
    ]);
  return label;
}

/** Checks what an upload really is, whatever its Content-Type claimed (as logos are checked). */
async function sniffReference(data: Buffer): Promise<ImageType> {
  if (data.length > MAX_REFERENCE_BYTES)
    throw new PayloadTooLargeError('a reference image may be 5 MB at most');
  // sharp throws synchronously (not a rejected promise) on an empty buffer.
  if (data.length === 0) throw new InvalidInputError('send the reference image as the request body');
  const metadata = await sharp(data)
    .metadata()
    .catch(() => undefined);
  const type = keptImageType(metadata?.format);
  if (!metadata || !type) throw new InvalidInputError('a reference image must be a PNG, JPEG or WebP image');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_REFERENCE_PIXELS)
    throw new PayloadTooLargeError(
      `a reference image may have at most ${MAX_REFERENCE_PIXELS} pixels (8192×8192); this one is ${metadata.width}×${metadata.height}`,
    );
  return type;
}

/** Refuses an upload the kit or the channel has no room for, or whose kit is not the channel's. */
async function checkRoom(db: Db, channelId: string, brandKitId: string | null): Promise<void> {
  if (brandKitId && !(await holdBrandKit(db, channelId, brandKitId))) throw new UnknownBrandKitError();
  const held = await countReferenceImages(db, channelId, brandKitId);
  if (brandKitId && held.kit >= MAX_REFERENCES_PER_KIT)
    throw new ReferenceLimitError('brand_kit', MAX_REFERENCES_PER_KIT);
  if (held.channel >= MAX_REFERENCES_PER_CHANNEL)
    throw new ReferenceLimitError('channel', MAX_REFERENCES_PER_CHANNEL);
}

/** The channel's reference images, oldest first: all, or one kit's (`brandKitId`). */
export function readReferenceImages(
  services: Services,
  caller: Caller,
  brandKitId?: string | null,
): Promise<ReferenceImageRecord[]> {
  authorize(caller, 'reference_image.read');
  return listReferenceImages(services.database.db, caller.channelId, brandKitId ?? undefined);
}

/**
 * Stores a reference image privately, upright, fitted within 1536 px and stripped of its metadata
 * (a phone photo's position never reaches storage or the model). The file is recorded as an orphan before it is written and
 * claimed by its row in one transaction, which checks the caps again under the channel's lock; a
 * crash at any step leaves at most an orphan the reconciler sweeps.
 */
export async function uploadReferenceImage(
  services: Services,
  caller: Caller,
  upload: ReferenceUpload,
): Promise<ReferenceImageRecord> {
  authorize(caller, 'reference_image.write');
  const db = services.database.db;
  const label = labelOf(upload.label);
  const brandKitId = upload.brandKitId ?? null;
  const type = await sniffReference(upload.data);
  const { contentType, extension } = type;
  const data = await prepareReferenceImage(upload.data, type);
  // Checked before the file is written too, so a refused upload never touches storage.
  await checkRoom(db, caller.channelId, brandKitId);
  await ensureChannel(db, caller.channelId);
  const id = randomUUID();
  const storageKey = `references/${id}.${extension}`;
  await recordOrphans(db, [{ storageKey, visibility: 'private' }], {
    sweepAfter: new Date(Date.now() + UPLOAD_GRACE_MS),
  });
  await services.storage.put({ key: storageKey, data, contentType, visibility: 'private' });
  try {
    return await db.transaction(async (tx) => {
      await lockChannelReferences(tx, caller.channelId);
      await checkRoom(tx, caller.channelId, brandKitId);
      const made = await insertReferenceImage(tx, {
        id,
        channelId: caller.channelId,
        brandKitId,
        label,
        storageKey,
        contentType,
        bytes: data.length,
      });
      await forgetOrphans(tx, [storageKey]);
      await recordAudit(tx, caller, 'reference_image.create', id, {
        brandKitId,
        contentType,
        bytes: data.length,
      });
      return made;
    });
  } catch (err) {
    // Refused after the file was written (a cap filled or the kit went meanwhile): it goes now.
    await removeReferenceFiles(services, [{ storageKey, visibility: 'private' }]);
    throw err;
  }
}

/** Deletes a reference image; its file goes now, or with the reconciler after a crash. */
export async function removeReferenceImage(services: Services, caller: Caller, id: string): Promise<void> {
  authorize(caller, 'reference_image.write');
  const deleted = await services.database.db.transaction(async (tx) => {
    const gone = await deleteReferenceImage(tx, caller.channelId, id);
    if (!gone) throw new NotFoundError('no such reference image on this channel');
    await recordAudit(tx, caller, 'reference_image.delete', id, { brandKitId: gone.brandKitId });
    return gone;
  });
  await removeReferenceFiles(services, [{ storageKey: deleted.storageKey, visibility: 'private' }]);
}

/** Removes files already recorded as orphans; a failure is left to the reconciler. */
export async function removeReferenceFiles(services: Services, files: readonly Orphan[]): Promise<void> {
  await removeOrphans(services.database.db, services.storage, files).catch((err) =>
    services.logger.warn(
      { err, files: files.length },
      'removing reference images failed; the reconciler will',
    ),
  );
}
