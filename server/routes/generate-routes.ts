import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { JobViewSchema, toJobView } from '../jobs/job-view.js';
import { MAX_USER_TEXT } from '../prompts/index.js';
import { queueGeneration } from '../use-cases/index.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import { ERRORS, json, security } from './schemas.js';

const GenerateBody = z
  .object({
    assetType: z.enum(ASSET_TYPES).openapi({
      example: 'emote',
      description: 'What to make; it fixes the sizes, the transparency and the byte limit of the files.',
    }),
    prompt: z
      .string()
      .min(1)
      .max(MAX_USER_TEXT * 4)
      .openapi({
        example: 'a cat in sunglasses giving a thumbs up',
        description:
          `What the asset shows, in your words: at most ${MAX_USER_TEXT} characters once control ` +
          'characters and template syntax are removed.',
      }),
    brandKitId: z.uuid().optional().openapi({
      example: '3b241101-e2bb-4255-8caf-4136c566a962',
      description: "A brand kit of this channel; without it, the channel's active kit (or the default one).",
    }),
    visibility: z.enum(VISIBILITIES).default('private').openapi({
      example: 'public',
      description:
        'Public assets are served to anyone and shown on stream; private ones only through signed URLs.',
    }),
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

/** `POST /generate`: queues a job for the caller's channel. */
export function generateRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { job, created } = await queueGeneration(deps, c.get('caller'), {
      ...c.req.valid('json'),
      idempotencyKey: c.req.valid('header')['idempotency-key'],
    });
    return created ? c.json(toJobView(job), 202) : c.json(toJobView(job), 200);
  });
}
