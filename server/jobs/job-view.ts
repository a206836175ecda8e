import { z } from '@hono/zod-openapi';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { Job } from './job.js';
import { JOB_STATUSES } from './job-status.js';

/** A job as the API and the event stream show it (DESIGN.md's JSON shape). */
export const JobViewSchema = z
  .object({
    id: z.string().openapi({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7', description: 'The job’s id.' }),
    channelId: z.string().openapi({
      example: '123456789',
      description: 'The Twitch channel (broadcaster id) the job belongs to.',
    }),
    assetType: z.enum(ASSET_TYPES).openapi({ example: 'emote', description: 'What is being made.' }),
    prompt: z.string().openapi({
      example: 'a cat in sunglasses giving a thumbs up',
      description: 'The description as it was sent.',
    }),
    parentAssetId: z.string().optional().openapi({
      example: '0f8fad5b-d9cb-469f-a165-70867728950e',
      description: 'Set for a refinement: the asset it edits (POST /assets/:id/refine).',
    }),
    referenceImageIds: z
      .array(z.string())
      .optional()
      .openapi({
        example: ['6f1c2a8e-3d4b-4e5f-9a0b-1c2d3e4f5a6b'],
        description: 'Set when the request named reference images (sent beside the brand kit’s own).',
      }),
    packId: z.string().optional().openapi({
      example: '9b2d6c1e-8f7a-4a53-b1de-0c2f8f6a7e41',
      description: 'Set for a piece of a brand pack: the pack (POST /packs).',
    }),
    packPiece: z.string().optional().openapi({
      example: 'panel_about',
      description: "Set for a piece of a brand pack: the piece's key in the pack's plan.",
    }),
    status: z.enum(JOB_STATUSES).openapi({
      example: 'processing',
      description:
        'queued → processing → completed | failed; back to queued for a retry; cancelled on request. completed, failed and cancelled are final.',
    }),
    progress: z
      .number()
      .int()
      .min(0)
      .max(100)
      .openapi({ example: 40, description: 'Percent done; 100 once completed.' }),
    retryCount: z
      .number()
      .int()
      .openapi({ example: 0, description: 'Attempts retried after a passing error (at most 3).' }),
    errorCode: z.string().optional().openapi({
      example: 'CONTENT_POLICY',
      description:
        'Why a failed job failed, or why the last attempt of a retried one did: one of the codes of Error.code.',
    }),
    errorMessage: z
      .string()
      .optional()
      .openapi({ example: 'the model refused this description', description: 'The failure, for people.' }),
    createdAt: z.string().openapi({ example: '2025-05-01T18:30:00.000Z', description: 'ISO 8601, UTC.' }),
    updatedAt: z.string().openapi({ example: '2025-05-01T18:30:04.000Z', description: 'ISO 8601, UTC.' }),
    completedAt: z
      .string()
      .optional()
      .openapi({ example: '2025-05-01T18:30:12.000Z', description: 'When the job reached a final status.' }),
    model: z.string().optional().openapi({
      example: 'gemini-2.5-flash-image',
      description: 'The model that made the image, once it has.',
    }),
    usage: z
      .object({
        inputTokens: z.number().optional().openapi({ example: 412 }),
        outputTokens: z.number().optional().openapi({ example: 1290 }),
        totalTokens: z.number().optional().openapi({ example: 1702 }),
      })
      .optional()
      .openapi({ description: 'Tokens the provider reported, for cost reporting.' }),
  })
  .openapi('Job');

export type JobView = z.infer<typeof JobViewSchema>;

/** The API's JSON for a job. */
export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    channelId: job.channelId,
    assetType: job.assetType,
    prompt: job.prompt,
    ...(job.parentAssetId ? { parentAssetId: job.parentAssetId } : {}),
    ...(job.packId ? { packId: job.packId } : {}),
    ...(job.packPiece ? { packPiece: job.packPiece } : {}),
    ...(job.referenceImageIds.length > 0 ? { referenceImageIds: [...job.referenceImageIds] } : {}),
    status: job.status,
    progress: job.progress,
    retryCount: job.retryCount,
    ...(job.errorCode ? { errorCode: job.errorCode, errorMessage: job.errorMessage ?? '' } : {}),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    ...(job.completedAt ? { completedAt: job.completedAt.toISOString() } : {}),
    ...(job.model ? { model: job.model } : {}),
    ...(job.usage ? { usage: job.usage } : {}),
  };
}

const rendered = new WeakMap<Job, string>();

/**
 * A job's API JSON, serialised once per job object: the hot reads hand out the same (readonly)
 * object until the job changes, so a status poll answered from memory costs no serialising.
 */
export function jobJson(job: Job): string {
  let json = rendered.get(job);
  if (json === undefined) {
    json = JSON.stringify(toJobView(job));
    rendered.set(job, json);
  }
  return json;
}
