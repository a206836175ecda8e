import type { Job } from '../../../client/index.js';
import { isPieceFinal, type Pack } from './pack-types.js';

/**
 * The pack with what a job event says of its piece (status, progress, job id); the same pack when
 * the job is not one of its pieces, or would move a finished piece backwards.
 */
export function packWithJob(pack: Pack, job: Job): Pack {
  if (job.packId !== pack.id || !job.packPiece) return pack;
  const piece = pack.pieces.find((candidate) => candidate.key === job.packPiece);
  if (!piece || (isPieceFinal(piece) && piece.jobId === job.id)) return pack;
  const updated = { ...piece, jobId: job.id, status: job.status, progress: job.progress };
  return { ...pack, pieces: pack.pieces.map((candidate) => (candidate === piece ? updated : candidate)) };
}
