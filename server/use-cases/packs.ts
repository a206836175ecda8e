import { createHash, randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { listAssetsForJobs } from '../assets/asset-store.js';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { getActiveBrandKit, getBrandKit } from '../brand/brand-kit-store.js';
import type { CursorPosition, Page } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { assets } from '../db/schema.js';
import { InvalidTransitionError, NotFoundError, UnknownBrandKitError } from '../errors/index.js';
import { PackEmptyError, PackEndedError, PackKeyReusedError } from '../errors/pack-errors.js';
import { isFinal } from '../jobs/job-status.js';
import { applyJobEvent } from '../jobs/job-store.js';
import { enforceRate, PER_MINUTE } from '../limits/index.js';
import {
  cleanSubjects,
  DEFAULT_SUBJECTS,
  type FinishedPiece,
  getPack,
  insertPack,
  listPacks,
  type Pack,
  type PackDetails,
  type PackGroup,
  type PackPiece,
  packJobs,
  packJobsOf,
  packZipName,
  planPack,
  updatePack,
  zipPack,
} from '../packs/index.js';
import { authorize } from '../policy/index.js';
import type { Visibility } from '../vocabulary/index.js';
import { pieceLimits, queuePiece } from './pack-pieces.js';
import { authorizeGeneration } from './queue-generation.js';
import type { Services } from './services.js';

/** What `POST /packs` asks for. */
export interface PackRequestInput {
  readonly subjects?: readonly string[] | undefined;
  readonly include?: readonly PackGroup[] | undefined;
  readonly brandKitId?: string | null | undefined;
  readonly visibility: Visibility;
  /** A repeat with the same key on the same channel answers with the first pack instead of making another. */
  readonly idempotencyKey?: string | null | undefined;
}

/** A pack's id from the request's `Idempotency-Key`: a repeat names the same pack, and only on the same channel. */
export function packIdFor(channelId: string, key: string): string {
  const hex = createHash('sha256').update(`pack\0${channelId}\0${key}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, so every route that takes an id takes it.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The pack a repeated key made, or `IDEMPOTENCY_KEY_REUSED` when it was made for another request. */
function replayOf(
  pack: Pack,
  asked: { pieces: readonly PackPiece[]; visibility: Visibility; brandKitId?: string | null | undefined },
): Pack {
  const plan = (pieces: readonly PackPiece[]) =>
    JSON.stringify(pieces.map((piece) => [piece.key, piece.prompt]));
  const same =
    plan(pack.pieces) === plan(asked.pieces) &&
    pack.visibility === asked.visibility &&
    (!asked.brandKitId || asked.brandKitId === pack.brandKitId);
  if (!same) throw new PackKeyReusedError(pack.id);
  return pack;
}

/** Thrown inside the transaction when a concurrent request with the same key made the pack first. */
class PackRaced extends Error {}

const NO_SUCH_PACK = 'no such pack on this channel';

/** The packs (all of one channel) with their jobs by piece and the asset each completed job made: two queries. */
async function detailsOfAll(db: Db, channelId: string, packs: readonly Pack[]): Promise<PackDetails[]> {
  const jobsOf = await packJobsOf(
    db,
    channelId,
    packs.map((pack) => pack.id),
  );
  const ids = [...jobsOf.values()].flatMap((jobs) =>
    [...jobs.values()].filter((job) => job.status === 'completed').map((job) => job.id),
  );
  const made = ids.length
    ? await db.select({ id: assets.id, jobId: assets.jobId }).from(assets).where(inArray(assets.jobId, ids))
    : [];
  const assetOf = new Map(made.map((row) => [row.jobId, row.id]));
  return packs.map((pack) => {
    const jobs = jobsOf.get(pack.id) ?? new Map();
    const madeHere = [...jobs.values()].flatMap((job) => {
      const asset = assetOf.get(job.id);
      return asset ? [[job.id, asset] as const] : [];
    });
    return { pack, jobs, assets: new Map(madeHere) };
  });
}

/** The pack with its jobs by piece and the asset each completed job made. */
async function detailsOf(db: Db, pack: Pack): Promise<PackDetails> {
  return (await detailsOfAll(db, pack.channelId, [pack]))[0]!;
}

/**
 * Plans a brand pack and queues its first piece (the lead, whose image every later piece is shown
 * as its style reference), in one transaction with the pack: a pack never exists without its
 * lead queued, and a lead refused (`QUEUE_FULL`, `BUDGET_EXHAUSTED`) leaves no pack. The request
 * counts once against the channel's generations per minute; each piece takes a unit of the daily
 * budget as it is queued. The rest is queued by `advancePack` once the lead completes.
 */
export async function createPack(
  services: Services,
  caller: Caller,
  request: PackRequestInput,
): Promise<{ details: PackDetails; created: boolean }> {
  const db = services.database.db;
  await authorizeGeneration(db, caller);
  const subjects = request.subjects?.length ? cleanSubjects(request.subjects) : DEFAULT_SUBJECTS;
  const pieces = planPack({ subjects, include: request.include });
  const kit = request.brandKitId
    ? await getBrandKit(db, caller.channelId, request.brandKitId)
    : await getActiveBrandKit(db, caller.channelId);
  if (request.brandKitId && !kit) throw new UnknownBrandKitError();
  const key = request.idempotencyKey;
  const id = key ? packIdFor(caller.channelId, key) : randomUUID();
  const asked = { pieces, visibility: request.visibility, brandKitId: request.brandKitId };
  const replay = async () => {
    const earlier = await getPack(db, caller.channelId, id);
    return earlier && { details: await detailsOf(db, replayOf(earlier, asked)), created: false };
  };
  if (key) {
    const earlier = await replay();
    if (earlier) return earlier;
  }
  const limits = await pieceLimits(services, db, caller.channelId);
  const made = db.transaction(async (tx) => {
    await enforceRate(
      tx,
      `generates:${caller.channelId}`,
      { limit: services.limits.generatesPerMinute, windowMs: PER_MINUTE },
      'generations on this channel',
    );
    const pack = await insertPack(tx, {
      id,
      channelId: caller.channelId,
      // Pinned now, so every piece is made in the same kit even if the active one changes meanwhile.
      brandKitId: kit?.id ?? null,
      visibility: request.visibility,
      subjects,
      pieces,
      createdAt: new Date(),
    });
    if (!pack) throw new PackRaced();
    const lead = pieces[0]!;
    const { job } = await queuePiece(tx, pack, lead, limits);
    await recordAudit(tx, caller, 'pack.create', pack.id, { pieces: pieces.length });
    await recordAudit(tx, caller, 'job.create', job.id, { assetType: job.assetType, packId: pack.id });
    return { pack, jobs: new Map([[lead.key, { ...job, piece: lead.key }]]), assets: new Map() };
  });
  let details: PackDetails;
  try {
    details = await made;
  } catch (error) {
    const earlier = error instanceof PackRaced ? await replay() : null;
    if (earlier) return earlier;
    throw error;
  }
  services.jobs.wake();
  return { details, created: true };
}

/** One of the channel's packs with its pieces' progress. */
export async function readPack(services: Services, caller: Caller, id: string): Promise<PackDetails> {
  authorize(caller, 'job.read');
  const db = services.database.db;
  const pack = await getPack(db, caller.channelId, id);
  if (!pack) throw new NotFoundError(NO_SUCH_PACK);
  return detailsOf(db, pack);
}

/** The channel's packs, newest first, a page at a time, each with its pieces' progress. */
export async function readPacks(
  services: Services,
  caller: Caller,
  query: { limit?: number | undefined; after?: CursorPosition | undefined },
): Promise<Page<PackDetails>> {
  authorize(caller, 'job.read');
  const db = services.database.db;
  const page = await listPacks(db, caller.channelId, query);
  return { items: await detailsOfAll(db, caller.channelId, page.items), next: page.next };
}

/**
 * Cancels a running pack: every piece queued or running is cancelled (the worker aborts a running
 * one) and no further piece is queued, in one transaction under the pack's lock, so an advancer
 * cannot queue a piece in between. Finished pieces are kept. `INVALID_TRANSITION` once it has ended.
 */
export async function cancelPack(services: Services, caller: Caller, id: string): Promise<PackDetails> {
  authorize(caller, 'job.cancel');
  const db = services.database.db;
  const pack = await db.transaction(async (tx) => {
    const pack = await getPack(tx, caller.channelId, id, true);
    if (!pack) throw new NotFoundError(NO_SUCH_PACK);
    if (pack.status !== 'running') throw new PackEndedError(pack.id, pack.status);
    for (const job of (await packJobs(tx, pack)).values()) {
      if (isFinal(job.status)) continue;
      try {
        await applyJobEvent(tx, caller.channelId, job.id, { type: 'cancel' });
        await recordAudit(tx, caller, 'job.cancel', job.id);
      } catch (error) {
        // It ended between the read and the cancel: nothing left to stop.
        if (!(error instanceof InvalidTransitionError)) throw error;
      }
    }
    await updatePack(tx, pack, { status: 'cancelled' });
    await recordAudit(tx, caller, 'pack.cancel', pack.id);
    return pack;
  });
  return detailsOf(db, (await getPack(db, caller.channelId, pack.id)) ?? pack);
}

/** Refuses a caller who may not download the channel's packs (their pieces may be private). */
function authorizeDownload(caller: Caller): void {
  authorize(caller, 'job.read');
  authorize(caller, 'asset.read_private');
}

/**
 * The zip of every file of every finished piece of one of the channel's packs, named as Twitch's
 * upload pages expect, with its file name. `INVALID_TRANSITION` while no piece has finished;
 * `NOT_FOUND` while a file is moving (a visibility change): try again.
 */
export async function downloadPack(
  services: Services,
  caller: Caller,
  id: string,
): Promise<{ zip: Uint8Array; name: string }> {
  authorizeDownload(caller);
  return packZip(services, caller.channelId, id);
}

/** Checks that the caller may download the pack now, for a signed link to its zip. */
export async function allowPackDownload(services: Services, caller: Caller, id: string): Promise<Pack> {
  authorizeDownload(caller);
  const pack = await getPack(services.database.db, caller.channelId, id);
  if (!pack) throw new NotFoundError(NO_SUCH_PACK);
  return pack;
}

/** The zip of a pack a signed link grants: see `downloadPack`. */
export async function packZip(
  services: Services,
  channelId: string,
  id: string,
): Promise<{ zip: Uint8Array; name: string }> {
  const db = services.database.db;
  const pack = await getPack(db, channelId, id);
  if (!pack) throw new NotFoundError(NO_SUCH_PACK);
  const jobs = await packJobs(db, pack);
  const completed = [...jobs.values()].filter((job) => job.status === 'completed');
  const made = await listAssetsForJobs(
    db,
    pack.channelId,
    completed.map((job) => job.id),
  );
  // A piece whose asset the streamer deleted is left out.
  const finished: FinishedPiece[] = pack.pieces.flatMap((piece) => {
    const job = jobs.get(piece.key);
    const asset = job?.status === 'completed' && made.find((candidate) => candidate.jobId === job.id);
    return asset ? [{ piece, asset }] : [];
  });
  if (finished.length === 0) throw new PackEmptyError(pack.id);
  const zip = await zipPack(pack, finished, services.storage);
  if (!zip) throw new NotFoundError('a file of this pack is moving right now: try again');
  return { zip, name: packZipName(pack) };
}
