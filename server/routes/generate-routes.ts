import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { VISIBILITIES } from '../assets/asset.js';
import { getBrandKit } from '../brand/brand-kit-store.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import { ensureChannel, getChannel } from '../channels/channel-store.js';
import { ForbiddenError, InvalidInputError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { jobEvent } from '../jobs/job-events.js';
import { createJob } from '../jobs/job-store.js';
import { JobViewSchema, toJobView } from '../jobs/job-view.js';
import { MAX_USER_TEXT, sanitizeUserText } from '../prompts/index.js';
import { ERRORS, json, security } from './schemas.js';

const GenerateBody = z
  .object({
    assetType: z.enum(ASSET_TYPES),
    prompt: z
      .string()
      .min(1)
      .max(MAX_USER_TEXT * 4),
    brandKitId: z.uuid().optional(),
    visibility: z.enum(VISIBILITIES).default('private'),
  })
  .openapi('GenerateRequest');

const route = createRoute({
  method: 'post',
  path: '/generate',
  summary: 'Queue an asset for generation',
  description: 'Answers at once with the queued job; follow it with GET /jobs/:id or the event stream.',
  security,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: { required: true, content: { 'application/json': { schema: GenerateBody } } },
  },
  responses: {
    200: json(JobViewSchema, 'A job made earlier with the same Idempotency-Key'),
    202: json(JobViewSchema, 'The job, queued'),
    ...ERRORS,
  },
});

/** `POST /generate`: validates, writes a queued job, wakes the worker. */
export function generateRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const caller = c.get('caller');
    const body = c.req.valid('json');
    if (caller.role === 'viewer') throw new ForbiddenError('viewers cannot generate assets');
    if (
      caller.role === 'moderator' &&
      !(await getChannel(deps.database.db, caller.channelId))?.allowModeratorGenerate
    ) {
      throw new ForbiddenError('the broadcaster has not allowed moderators to generate on this channel');
    }
    // Rejects empty or oversized text now rather than as a failed job later.
    sanitizeUserText(body.prompt);
    if (body.brandKitId && !(await getBrandKit(deps.database.db, caller.channelId, body.brandKitId))) {
      throw new InvalidInputError('brandKitId does not name a brand kit of this channel', [
        { path: 'brandKitId', message: 'unknown brand kit' },
      ]);
    }
    await ensureChannel(deps.database.db, caller.channelId);
    const { job, created } = await createJob(deps.database.db, {
      channelId: caller.channelId,
      assetType: body.assetType,
      prompt: body.prompt,
      brandKitId: body.brandKitId ?? null,
      visibility: body.visibility,
      idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null,
    });
    if (!created) return c.json(toJobView(job), 200);
    await deps.events.publish(jobEvent('job.queued', job));
    deps.jobs.wake();
    return c.json(toJobView(job), 202);
  });
}
