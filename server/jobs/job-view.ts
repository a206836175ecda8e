import { z } from '@hono/zod-openapi';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { Job } from './job.js';
import { JOB_STATUSES } from './job-status.js';

/** A job as the API and the event stream show it (DESIGN.md's JSON shape). */
export const JobViewSchema = z
  .object({
    id: z.string(),
    channelId: z.string(),
    assetType: z.enum(ASSET_TYPES),
    prompt: z.string(),
    status: z.enum(JOB_STATUSES),
    progress: z.number().int().min(0).max(100),
    retryCount: z.number().int(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().optional(),
    model: z.string().optional().openapi({ description: 'The model that made the image, once it has.' }),
    usage: z
      .object({
        inputTokens: z.number().optional(),
        outputTokens: z.number().optional(),
        totalTokens: z.number().optional(),
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
