import type { Asset } from '../assets/asset.js';
import { getAsset, listAssetLine } from '../assets/asset-store.js';
import type { Caller } from '../auth/caller.js';
import { NotFoundError, SourceMissingError } from '../errors/index.js';
import type { Job } from '../jobs/job.js';
import { authorize, can } from '../policy/index.js';
import { authorizeGeneration, queueGeneration } from './queue-generation.js';
import type { Services } from './services.js';

const NO_SUCH_ASSET = 'no such asset on this channel';

/** What a refinement asks for: the change, in the streamer's words. */
export interface RefineRequest {
  readonly instruction: string;
  /** Pictures of a subject the change brings in ("add my cat"): reference images of the channel. */
  readonly referenceImageIds?: readonly string[] | undefined;
  readonly idempotencyKey?: string | null | undefined;
}

/**
 * Queues a refinement of one of the channel's assets: a job that sends the asset's kept source
 * image and the instruction to the provider and makes a new asset of the same type and
 * visibility, linked to it. It goes through `queueGeneration`, so it is sanitized, limited and
 * budgeted like any generation. `NOT_FOUND` for an asset the caller cannot see; `SOURCE_MISSING`
 * for one made before sources were kept.
 */
export async function refineAsset(
  services: Services,
  caller: Caller,
  id: string,
  request: RefineRequest,
): Promise<{ job: Job; created: boolean }> {
  const db = services.database.db;
  // Refused for who may not generate before anything about the asset is told.
  await authorizeGeneration(db, caller);
  const parent = await getAsset(db, caller.channelId, id, { publicOnly: !can(caller, 'asset.read_private') });
  if (!parent) throw new NotFoundError(NO_SUCH_ASSET);
  if (!parent.source) throw new SourceMissingError(parent.id);
  return queueGeneration(services, caller, {
    assetType: parent.assetType,
    prompt: request.instruction,
    visibility: parent.visibility,
    parentAssetId: parent.id,
    referenceImageIds: request.referenceImageIds,
    idempotencyKey: request.idempotencyKey,
  });
}

/**
 * The version line of one of the channel's assets: its root ancestor and every refinement
 * below it, oldest first, as the caller may see them (viewers: public ones only).
 */
export async function readVersions(services: Services, caller: Caller, id: string): Promise<Asset[]> {
  authorize(caller, 'asset.read_public');
  const line = await listAssetLine(services.database.db, caller.channelId, id, {
    publicOnly: !can(caller, 'asset.read_private'),
  });
  if (!line.some((asset) => asset.id === id)) throw new NotFoundError(NO_SUCH_ASSET);
  return line;
}
