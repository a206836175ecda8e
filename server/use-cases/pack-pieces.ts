import { createHash } from 'node:crypto';
import { dailyBudgetOf } from '../channels/channel.js';
import { ensureChannel } from '../channels/channel-store.js';
import type { Db } from '../db/database.js';
import type { Job } from '../jobs/job.js';
import { createJob } from '../jobs/job-store.js';
import type { Pack, PackPiece } from '../packs/index.js';
import { sanitizeUserText } from '../prompts/index.js';
import type { Services } from './services.js';

/** The idempotency key of a pack's piece: queueing a piece twice (two advancers, a retried sweep) makes one job. */
export const pieceKey = (pack: Pick<Pack, 'id'>, piece: Pick<PackPiece, 'key'>) =>
  `pack:${pack.id}:${piece.key}`;

const fingerprintOf = (pack: Pick<Pack, 'id'>, piece: Pick<PackPiece, 'key'>) =>
  createHash('sha256')
    .update(JSON.stringify(['pack', pack.id, piece.key]))
    .digest('base64url');

/** What a piece is counted against: the channel's queue cap and its daily budget, read now. */
export async function pieceLimits(services: Services, db: Db, channelId: string) {
  const channel = await ensureChannel(db, channelId);
  return {
    maxActive: services.limits.queuedJobsPerChannel,
    budget: { daily: dailyBudgetOf(channel, services.limits.dailyGenerationBudget) },
  };
}

/**
 * Queues one piece of a pack as a job of the pack, against the channel's queue cap and budget
 * (`QUEUE_FULL`, `BUDGET_EXHAUSTED`); a piece already queued returns its job.
 */
export function queuePiece(
  db: Db,
  pack: Pick<Pack, 'id' | 'channelId' | 'brandKitId' | 'visibility'>,
  piece: PackPiece,
  limits: Awaited<ReturnType<typeof pieceLimits>>,
): Promise<{ job: Job; created: boolean }> {
  return createJob(
    db,
    {
      channelId: pack.channelId,
      assetType: piece.assetType,
      prompt: sanitizeUserText(piece.prompt),
      brandKitId: pack.brandKitId,
      visibility: pack.visibility,
      packId: pack.id,
      packPiece: piece.key,
      idempotencyKey: pieceKey(pack, piece),
      idempotencyFingerprint: fingerprintOf(pack, piece),
    },
    limits,
  );
}
