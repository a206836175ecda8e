import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { toJobView } from '../jobs/job-view.js';
import { queueGeneration } from '../use-cases/index.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import {
  ERRORS,
  IdempotencyHeaders,
  QUEUED_RESPONSES,
  ReferenceImageIds,
  security,
  userText,
} from './schemas.js';

const GenerateBody = z
  .object({
    assetType: z.enum(ASSET_TYPES).openapi({
      example: 'emote',
      description: 'What to make; it fixes the sizes, the transparency and the byte limit of the files.',
    }),
    prompt: userText('a cat in sunglasses giving a thumbs up', 'What the asset shows, in your words'),
    brandKitId: z.uuid().optional().openapi({
      example: '3b241101-e2bb-4255-8caf-4136c566a962',
      description: "A brand kit of this channel; without it, the channel's active kit (or the default one).",
    }),
    referenceImageIds: ReferenceImageIds.optional(),
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
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: GenerateBody } } },
  },
  responses: { ...QUEUED_RESPONSES, ...ERRORS },
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
