import { z } from '@hono/zod-openapi';
import { ASSET_TYPES } from '../catalogue/index.js';
import { JOB_STATUSES } from '../jobs/job-status.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import type { Pack } from './pack.js';
import { PACK_STATUSES } from './pack-plan-types.js';
import type { PackJob } from './pack-store.js';

const PackPieceViewSchema = z
  .object({
    key: z.string().openapi({
      example: 'panel_about',
      description: "Stable within the pack; the piece's files in the zip are named after it.",
    }),
    assetType: z.enum(ASSET_TYPES).openapi({ example: 'panel' }),
    title: z.string().openapi({ example: 'Panel: About' }),
    jobId: z.string().optional().openapi({ description: 'The job making it, once it is queued.' }),
    status: z.enum(['planned', ...JOB_STATUSES]).openapi({
      example: 'completed',
      description: "`planned` until the piece is queued; then its job's status.",
    }),
    progress: z.number().int().min(0).max(100).optional().openapi({ example: 100 }),
    errorCode: z
      .string()
      .optional()
      .openapi({ example: 'CONTENT_POLICY', description: 'Why the piece failed.' }),
    assetId: z.string().optional().openapi({ description: 'The asset it made, once completed.' }),
  })
  .openapi('PackPiece');

/** A brand pack as the API shows it: its plan, lead first, and how far each piece got. */
export const PackViewSchema = z
  .object({
    id: z.string().openapi({ example: '9b2d6c1e-8f7a-4a53-b1de-0c2f8f6a7e41' }),
    status: z.enum(PACK_STATUSES).openapi({
      example: 'running',
      description:
        'running while pieces are queued or made; completed once every piece ended; stopped when it ended early ' +
        '(stopCode says why: BUDGET_EXHAUSTED, or the lead piece failed); cancelled on request.',
    }),
    stopCode: z.string().optional().openapi({ example: 'BUDGET_EXHAUSTED' }),
    stopMessage: z.string().optional(),
    brandKitId: z
      .string()
      .nullable()
      .openapi({ description: 'The kit every piece is made in (null: the default).' }),
    visibility: z.enum(VISIBILITIES),
    subjects: z
      .array(z.string())
      .openapi({ example: ['laughing hard', 'hyped and cheering', 'sending love'] }),
    createdAt: z.string().openapi({ example: '2025-05-01T18:30:00.000Z' }),
    updatedAt: z.string().openapi({ example: '2025-05-01T18:31:40.000Z' }),
    pieces: z.array(PackPieceViewSchema),
  })
  .openapi('Pack');

export type PackView = z.infer<typeof PackViewSchema>;

/** What the view is built from: the pack, its jobs by piece, and the asset each completed piece made. */
export interface PackDetails {
  readonly pack: Pack;
  readonly jobs: ReadonlyMap<string, PackJob>;
  readonly assets: ReadonlyMap<string, string>;
}

/** The API's JSON for a pack. */
export function toPackView({ pack, jobs, assets }: PackDetails): PackView {
  return {
    id: pack.id,
    status: pack.status,
    ...(pack.stopCode ? { stopCode: pack.stopCode, stopMessage: pack.stopMessage ?? '' } : {}),
    brandKitId: pack.brandKitId,
    visibility: pack.visibility,
    subjects: [...pack.subjects],
    createdAt: pack.createdAt.toISOString(),
    updatedAt: pack.updatedAt.toISOString(),
    pieces: pack.pieces.map((piece) => {
      const job = jobs.get(piece.key);
      const assetId = job ? assets.get(job.id) : undefined;
      return {
        key: piece.key,
        assetType: piece.assetType,
        title: piece.title ?? piece.key,
        status: job?.status ?? 'planned',
        ...(job ? { jobId: job.id, progress: job.progress } : {}),
        ...(job?.errorCode && job.status === 'failed' ? { errorCode: job.errorCode } : {}),
        ...(assetId ? { assetId } : {}),
      };
    }),
  };
}
