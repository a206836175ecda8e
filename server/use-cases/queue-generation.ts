import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { getBrandKit } from '../brand/brand-kit-store.js';
import type { AssetType } from '../catalogue/index.js';
import { dailyBudgetOf } from '../channels/channel.js';
import { ensureChannel, getChannel } from '../channels/channel-store.js';
import type { Db } from '../db/database.js';
import { InvalidInputError, UnknownBrandKitError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import { createJob, findJobByIdempotencyKey } from '../jobs/job-store.js';
import { enforceRate, PER_MINUTE } from '../limits/index.js';
import { authorize, needsSettings } from '../policy/index.js';
import { sanitizeUserText } from '../prompts/index.js';
import { MAX_REFERENCES_PER_REQUEST, unknownReferenceImages } from '../references/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { Services } from './services.js';

/** What a trigger (the panel, the API, chat, channel points) asks to be made. */
export interface GenerationRequest {
  readonly assetType: AssetType;
  readonly prompt: string;
  readonly brandKitId?: string | null | undefined;
  readonly visibility: Visibility;
  /** Set for a refinement: the asset whose source image the job edits (`prompt` is the change). */
  readonly parentAssetId?: string | null | undefined;
  /** Reference images of the channel to send beside the kit's own (likeness of the subject). */
  readonly referenceImageIds?: readonly string[] | null | undefined;
  /** A repeated key on the same channel returns the first job instead of queueing another. */
  readonly idempotencyKey?: string | null | undefined;
}

/** What a trigger commits together with the job it queues. */
export interface QueueOptions {
  /**
   * Runs in the job's own transaction once the job is created (not on an idempotent replay): a
   * chat command records whom to answer there, so a crash never leaves a job nobody will tell of.
   */
  readonly alongside?: (tx: Db, job: Job) => Promise<void>;
}

/** Refuses a caller who may not generate on their channel now (moderators: as the channel allows). */
export async function authorizeGeneration(db: Db, caller: Caller): Promise<void> {
  authorize(
    caller,
    'job.create',
    needsSettings(caller, 'job.create') ? await getChannel(db, caller.channelId) : null,
  );
}

/** A digest of what was asked for, so a reused `Idempotency-Key` is recognised as the same request or not. */
function fingerprintOf(request: GenerationRequest): string {
  const asked = [request.assetType, request.prompt, request.brandKitId ?? null, request.visibility];
  // Only refinements add their parent, so fingerprints of plain generations stay as they were.
  if (request.parentAssetId) asked.push(`parent:${request.parentAssetId}`);
  // Likewise only requests that name reference images add them, in the order they were named.
  if (request.referenceImageIds?.length) asked.push(`references:${request.referenceImageIds.join(',')}`);
  return createHash('sha256').update(JSON.stringify(asked)).digest('base64url');
}

/**
 * Queues a generation for the caller's channel: the job, and whether this call created it. The
 * prompt is stored (and shown in events) as the sanitizer leaves it. Counts against the channel's
 * generations per minute, its cap of queued jobs and its daily generation budget; a repeat with
 * the same `Idempotency-Key` returns the first job without counting again.
 */
export async function queueGeneration(
  services: Services,
  caller: Caller,
  request: GenerationRequest,
  options: QueueOptions = {},
): Promise<{ job: Job; created: boolean }> {
  const db = services.database.db;
  await authorizeGeneration(db, caller);
  // Rejects empty or oversized text now rather than as a failed job later.
  const prompt = sanitizeUserText(request.prompt);
  if (request.brandKitId && !(await getBrandKit(db, caller.channelId, request.brandKitId)))
    throw new UnknownBrandKitError();
  const referenceImageIds = [...(request.referenceImageIds ?? [])];
  if (
    referenceImageIds.length > MAX_REFERENCES_PER_REQUEST ||
    new Set(referenceImageIds).size < referenceImageIds.length
  )
    throw new InvalidInputError(
      `referenceImageIds may name at most ${MAX_REFERENCES_PER_REQUEST} images, each once`,
      [{ path: 'referenceImageIds', message: `at most ${MAX_REFERENCES_PER_REQUEST}, no repeats` }],
    );
  const newJob = {
    channelId: caller.channelId,
    assetType: request.assetType,
    prompt,
    brandKitId: request.brandKitId ?? null,
    parentAssetId: request.parentAssetId ?? null,
    referenceImageIds,
    visibility: request.visibility,
    idempotencyKey: request.idempotencyKey ?? null,
    idempotencyFingerprint: request.idempotencyKey ? fingerprintOf(request) : null,
  };
  const replay = request.idempotencyKey ? await findJobByIdempotencyKey(db, newJob) : null;
  if (replay) return { job: replay, created: false };
  // After the replay: a repeat of a request whose reference was deleted since still finds its job.
  const unknown = await unknownReferenceImages(db, caller.channelId, referenceImageIds);
  if (unknown.length > 0) {
    throw new InvalidInputError(
      'referenceImageIds names images that are not reference images of this channel',
      [{ path: 'referenceImageIds', message: `unknown reference images: ${unknown.join(', ')}` }],
    );
  }
  const channel = await ensureChannel(db, caller.channelId);
  const budget = { daily: dailyBudgetOf(channel, services.limits.dailyGenerationBudget) };
  const result = await db.transaction(async (tx) => {
    // Counted in the job's own transaction: a request refused here or by the queue cap rolls its
    // count back, so only generations that were queued use up the channel's minute.
    await enforceRate(
      tx,
      `generates:${caller.channelId}`,
      { limit: services.limits.generatesPerMinute, windowMs: PER_MINUTE },
      'generations on this channel',
    );
    const made = await createJob(tx, newJob, { maxActive: services.limits.queuedJobsPerChannel, budget });
    if (made.created) {
      await recordAudit(tx, caller, 'job.create', made.job.id, { assetType: made.job.assetType });
      await options.alongside?.(tx, made.job);
    }
    return made;
  });
  if (result.created) services.jobs.wake();
  return result;
}
