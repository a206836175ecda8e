import { IdempotencyKeyReusedError, InvalidInputError, LimitExceededError } from '../errors/index.js';
import { isFinal } from '../jobs/job-status.js';
import { getPack, type Pack, type PackJob, packJobs, updatePack } from '../packs/index.js';
import type { ErrorCode } from '../vocabulary/index.js';
import { pieceLimits, queuePiece } from './pack-pieces.js';
import type { Services } from './services.js';

/**
 * How many of a pack's pieces are queued or running at once. A few keep the worker busy; the rest
 * wait in the plan, so a pack never fills the channel's queue (`MAX_QUEUED_JOBS`) by itself and a
 * stop at the budget leaves little in flight.
 */
export const PACK_WINDOW = 3;

/** What one advance did. */
export interface PackAdvance {
  /** Pieces this call queued. */
  readonly queued: number;
  /** The pack's status afterwards; null when there is no such pack. */
  readonly status: Pack['status'] | null;
}

const active = (jobs: ReadonlyMap<string, PackJob>) =>
  [...jobs.values()].filter((job) => !isFinal(job.status)).length;

/**
 * Moves a running pack on, under its row lock (so advancers in several processes take turns) and
 * in one transaction (so a crash leaves the pack as it was, for the next sweep): once its lead
 * piece completed, queues the next pieces up to `PACK_WINDOW` in flight; stops it when its lead
 * failed or the budget refuses a piece; ends it once no piece is left to make or in flight.
 * Harmless to call at any time, any number of times: pieces are queued with idempotency keys.
 */
export async function advancePack(
  services: Services,
  channelId: string,
  packId: string,
): Promise<PackAdvance> {
  const db = services.database.db;
  const result = await db.transaction(async (tx): Promise<PackAdvance> => {
    const pack = await getPack(tx, channelId, packId, true);
    if (pack?.status !== 'running') return { queued: 0, status: pack?.status ?? null };
    const jobs = await packJobs(tx, pack);
    const [lead, ...rest] = pack.pieces;
    const leadJob = lead && jobs.get(lead.key);
    const stop = async (status: 'stopped' | 'cancelled', code: ErrorCode | null, message: string | null) => {
      await updatePack(tx, pack, { status, stopCode: code, stopMessage: message });
      return { queued: 0, status };
    };
    if (!lead) return stop('stopped', 'INVALID_INPUT', 'the pack has no pieces');
    if (leadJob?.status === 'cancelled') return stop('cancelled', null, null);
    if (leadJob?.status === 'failed')
      return stop(
        'stopped',
        leadJob.errorCode ?? 'INTERNAL_ERROR',
        `the first piece (${lead.title ?? lead.key}) failed, so there is no style to match: ${leadJob.errorMessage ?? ''}`.trim(),
      );
    // The pack is made with its lead, so an absent lead means it was never queued: queue it now.
    const waiting = leadJob ? (leadJob.status === 'completed' ? rest : []) : [lead];
    let queued = 0;
    let stopCode = pack.stopCode;
    let stopMessage = pack.stopMessage;
    let limits: Awaited<ReturnType<typeof pieceLimits>> | undefined;
    for (const piece of waiting) {
      if (stopCode || active(jobs) >= PACK_WINDOW) break;
      if (jobs.has(piece.key)) continue;
      limits ??= await pieceLimits(services, tx, channelId);
      try {
        const { job, created } = await queuePiece(tx, pack, piece, limits);
        jobs.set(piece.key, { ...job, piece: piece.key });
        if (created) queued += 1;
      } catch (error) {
        // A full queue passes: the next job to end on the channel (or the sweep) tries again.
        if (error instanceof LimitExceededError && error.code === 'QUEUE_FULL') break;
        if (
          (error instanceof LimitExceededError && error.code === 'BUDGET_EXHAUSTED') ||
          error instanceof IdempotencyKeyReusedError ||
          // A piece that can never be queued (its text refused) must not leave the pack running forever.
          error instanceof InvalidInputError
        ) {
          stopCode = error.code;
          stopMessage = `stopped before ${piece.title ?? piece.key}: ${error.message}`;
          await updatePack(tx, pack, { stopCode, stopMessage });
          break;
        }
        throw error;
      }
    }
    const planned = pack.pieces.every((piece) => jobs.has(piece.key));
    if (planned && !pack.expandedAt) await updatePack(tx, pack, { expandedAt: new Date() });
    if (active(jobs) === 0 && (planned || stopCode)) {
      const status = stopCode ? 'stopped' : 'completed';
      await updatePack(tx, pack, { status });
      return { queued, status };
    }
    return { queued, status: 'running' };
  });
  if (result.queued > 0) services.jobs.wake();
  return result;
}
