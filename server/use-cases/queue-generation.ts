import type { Caller } from '../auth/caller.js';
import { getBrandKit } from '../brand/brand-kit-store.js';
import type { AssetType } from '../catalogue/index.js';
import { ensureChannel, getChannel } from '../channels/channel-store.js';
import { InvalidInputError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import { createJob } from '../jobs/job-store.js';
import { authorize, needsSettings } from '../policy/index.js';
import { sanitizeUserText } from '../prompts/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { Services } from './services.js';

/** What a trigger (the panel, the API, chat, channel points) asks to be made. */
export interface GenerationRequest {
  readonly assetType: AssetType;
  readonly prompt: string;
  readonly brandKitId?: string | null | undefined;
  readonly visibility: Visibility;
  /** A repeated key on the same channel returns the first job instead of queueing another. */
  readonly idempotencyKey?: string | null | undefined;
}

/** Queues a generation for the caller's channel: the job, and whether this call created it. */
export async function queueGeneration(
  services: Services,
  caller: Caller,
  request: GenerationRequest,
): Promise<{ job: Job; created: boolean }> {
  const db = services.database.db;
  authorize(
    caller,
    'job.create',
    needsSettings(caller, 'job.create') ? await getChannel(db, caller.channelId) : null,
  );
  // Rejects empty or oversized text now rather than as a failed job later.
  sanitizeUserText(request.prompt);
  if (request.brandKitId && !(await getBrandKit(db, caller.channelId, request.brandKitId))) {
    throw new InvalidInputError('brandKitId does not name a brand kit of this channel', [
      { path: 'brandKitId', message: 'unknown brand kit' },
    ]);
  }
  await ensureChannel(db, caller.channelId);
  const result = await createJob(db, {
    channelId: caller.channelId,
    assetType: request.assetType,
    prompt: request.prompt,
    brandKitId: request.brandKitId ?? null,
    visibility: request.visibility,
    idempotencyKey: request.idempotencyKey ?? null,
  });
  if (result.created) services.jobs.wake();
  return result;
}
