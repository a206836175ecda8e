import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { HonoRequest } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { SIGNED_URL_TTL_SECONDS } from '../assets/asset-view.js';
import { PayloadTooLargeError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { MAX_REFERENCE_BYTES, MAX_REFERENCE_LABEL, type ReferenceImageRecord } from '../references/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { readReferenceImages, removeReferenceImage, uploadReferenceImage } from '../use-cases/index.js';
import { ERRORS, IdParams, json, security } from './schemas.js';

const KitId = z.uuid({ message: 'must be an id returned by the API' });

const ReferenceImageViewSchema = z
  .object({
    id: z.string().openapi({ example: '6f1c2a8e-3d4b-4e5f-9a0b-1c2d3e4f5a6b' }),
    label: z.string().openapi({ example: 'Mochi, my cat', description: 'The streamer’s name for it.' }),
    brandKitId: z.string().nullable().openapi({
      example: '3b241101-e2bb-4255-8caf-4136c566a962',
      description: 'The kit whose every job sends it; null: sent only when a request names it.',
    }),
    contentType: z.enum(['image/png', 'image/jpeg', 'image/webp']).openapi({ example: 'image/jpeg' }),
    bytes: z.number().int().openapi({ example: 482113 }),
    url: z.string().openapi({ description: 'A short-lived signed URL of the private file.' }),
    createdAt: z.string().openapi({ example: '2025-05-01T18:30:00.000Z' }),
  })
  .openapi('ReferenceImage');

type ReferenceImageView = z.infer<typeof ReferenceImageViewSchema>;

async function toView(image: ReferenceImageRecord, storage: StorageDriver): Promise<ReferenceImageView> {
  return {
    id: image.id,
    label: image.label,
    brandKitId: image.brandKitId,
    contentType: image.contentType as ReferenceImageView['contentType'],
    bytes: image.bytes,
    url: await storage.signedUrl(image.storageKey, 'private', SIGNED_URL_TTL_SECONDS),
    createdAt: image.createdAt.toISOString(),
  };
}

const binary = z.string().openapi({ format: 'binary' });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/reference-images',
    summary: 'The channel’s reference images, oldest first (broadcaster only)',
    security,
    request: {
      query: z.object({
        brandKitId: KitId.optional().openapi({ description: 'Only this kit’s; without it, all of them.' }),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(ReferenceImageViewSchema) }), 'Reference images'),
      ...ERRORS,
    },
  }),
  upload: createRoute({
    method: 'post',
    path: '/reference-images',
    summary:
      'Upload a picture of the subject (PNG, JPEG or WebP, at most 5 MB) whose likeness generations keep',
    description:
      'The body is the image itself. With `brandKitId` every job of that kit sends it (at most 6 per kit); without, a request sends it by naming it in `referenceImageIds`. At most 24 per channel.',
    security,
    request: {
      query: z.object({
        label: z
          .string()
          .min(1)
          .max(MAX_REFERENCE_LABEL * 4)
          .openapi({
            example: 'Mochi, my cat',
            description: `What it shows, in your words: 1–${MAX_REFERENCE_LABEL} characters once cleaned.`,
          }),
        brandKitId: KitId.optional().openapi({ description: 'A brand kit of this channel to attach it to.' }),
      }),
      body: {
        required: true,
        content: {
          'image/png': { schema: binary },
          'image/jpeg': { schema: binary },
          'image/webp': { schema: binary },
        },
      },
    },
    responses: {
      201: json(ReferenceImageViewSchema, 'The reference image'),
      409: ERRORS[400],
      413: ERRORS[400],
      ...ERRORS,
    },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/reference-images/{id}',
    summary: 'Delete a reference image and its file',
    security,
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, ...ERRORS },
  }),
};

/**
 * Reads an upload's bytes, refusing a declared size over the limit before reading any; an
 * undeclared one is bounded while it is read by the API's body limit, and checked once read.
 */
async function readImageBody(request: HonoRequest): Promise<Buffer> {
  if (Number(request.header('content-length') ?? 0) > MAX_REFERENCE_BYTES)
    throw new PayloadTooLargeError('a reference image may be 5 MB at most');
  return Buffer.from(await request.arrayBuffer());
}

/** Reference images: upload, list and delete (the broadcaster's own pictures, kept private). */
export function referenceImageRoutes(deps: AppDeps) {
  const view = (image: ReferenceImageRecord) => toView(image, deps.storage);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) => {
      const images = await readReferenceImages(deps, c.get('caller'), c.req.valid('query').brandKitId);
      return c.json({ items: await Promise.all(images.map(view)) }, 200);
    })
    .openapi(routes.upload, async (c) => {
      const { label, brandKitId } = c.req.valid('query');
      const data = await readImageBody(c.req);
      const image = await uploadReferenceImage(deps, c.get('caller'), { data, label, brandKitId });
      return c.json(await view(image), 201);
    })
    .openapi(routes.delete, async (c) => {
      await removeReferenceImage(deps, c.get('caller'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
