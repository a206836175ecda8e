import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import sharp from 'sharp';
import type { AppDeps } from '../app-deps.js';
import { SIGNED_URL_TTL_SECONDS } from '../assets/asset-view.js';
import { BrandKitSchema } from '../brand/brand-kit.js';
import type { BrandKitRecord } from '../brand/brand-kit-record.js';
import {
  createBrandKit,
  deleteBrandKit,
  getBrandKit,
  listBrandKits,
  setBrandKitLogo,
  updateBrandKit,
} from '../brand/brand-kit-store.js';
import { ensureChannel } from '../channels/channel-store.js';
import { InvalidInputError, NotFoundError, StudioError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { requireRole } from '../http/authenticate.js';
import { validationHook } from '../http/validation-hook.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { ERRORS, IdParams, json, security } from './schemas.js';

/** Logos larger than this are refused: they only steer the model, they are never shown. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const LOGO_FORMATS: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

const BrandKitBody = BrandKitSchema.extend({ active: z.boolean().optional() }).openapi('BrandKitInput');
const BrandKitPatch = BrandKitSchema.partial()
  .extend({ active: z.boolean().optional() })
  .openapi('BrandKitPatch');

const BrandKitViewSchema = BrandKitSchema.extend({
  id: z.string(),
  active: z.boolean(),
  logo: z.object({ url: z.string(), contentType: z.string(), bytes: z.number() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('BrandKit');

async function toView(kit: BrandKitRecord, storage: StorageDriver) {
  const { channelId: _channelId, logo, createdAt, updatedAt, ...rest } = kit;
  return {
    ...rest,
    logo: logo
      ? {
          url: await storage.signedUrl(logo.storageKey, 'private', SIGNED_URL_TTL_SECONDS),
          contentType: logo.contentType,
          bytes: logo.bytes,
        }
      : null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

const routes = {
  list: createRoute({
    method: 'get',
    path: '/brand-kits',
    summary: 'The channel’s brand kits',
    security,
    responses: { 200: json(z.object({ items: z.array(BrandKitViewSchema) }), 'Brand kits'), ...ERRORS },
  }),
  create: createRoute({
    method: 'post',
    path: '/brand-kits',
    summary: 'Create a brand kit (the channel’s first one becomes active)',
    security,
    request: { body: { required: true, content: { 'application/json': { schema: BrandKitBody } } } },
    responses: { 201: json(BrandKitViewSchema, 'The brand kit'), ...ERRORS },
  }),
  get: createRoute({
    method: 'get',
    path: '/brand-kits/{id}',
    summary: 'One brand kit',
    security,
    request: { params: IdParams },
    responses: { 200: json(BrandKitViewSchema, 'The brand kit'), ...ERRORS },
  }),
  update: createRoute({
    method: 'put',
    path: '/brand-kits/{id}',
    summary: 'Change a brand kit; `active: true` makes it the channel’s default',
    security,
    request: {
      params: IdParams,
      body: { required: true, content: { 'application/json': { schema: BrandKitPatch } } },
    },
    responses: { 200: json(BrandKitViewSchema, 'The brand kit'), ...ERRORS },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/brand-kits/{id}',
    summary: 'Delete a brand kit and its logo',
    security,
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, ...ERRORS },
  }),
  logo: createRoute({
    method: 'put',
    path: '/brand-kits/{id}/logo',
    summary: 'Upload the logo (PNG, JPEG or WebP, at most 2 MB) sent to the model as a reference image',
    security,
    request: {
      params: IdParams,
      body: {
        required: true,
        content: {
          'image/png': { schema: z.string().openapi({ format: 'binary' }) },
          'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
          'image/webp': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: { 200: json(BrandKitViewSchema, 'The brand kit'), 413: ERRORS[400], ...ERRORS },
  }),
};

/** Reads an uploaded logo and checks what it really is, whatever the Content-Type claims. */
async function readLogo(request: Request): Promise<{ data: Buffer; contentType: string; extension: string }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_LOGO_BYTES)
    throw new StudioError('PAYLOAD_TOO_LARGE', 'a logo may be 2 MB at most', { status: 413 });
  const data = Buffer.from(await request.arrayBuffer());
  if (data.length > MAX_LOGO_BYTES)
    throw new StudioError('PAYLOAD_TOO_LARGE', 'a logo may be 2 MB at most', { status: 413 });
  // sharp throws synchronously (not a rejected promise) on an empty buffer.
  if (data.length === 0) throw new InvalidInputError('send the logo image as the request body');
  const format = await sharp(data)
    .metadata()
    .then((m) => m.format)
    .catch(() => undefined);
  const contentType = format ? LOGO_FORMATS[format] : undefined;
  if (!format || !contentType) throw new InvalidInputError('the logo must be a PNG, JPEG or WebP image');
  return { data, contentType, extension: format === 'jpeg' ? 'jpg' : format };
}

/** Brand kit CRUD and logo upload, for the channel's broadcaster. */
export function brandKitRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/brand-kits', requireRole('broadcaster'));
  app.use('/brand-kits/*', requireRole('broadcaster'));
  const found = (kit: BrandKitRecord | null) => {
    if (!kit) throw new NotFoundError('no such brand kit on this channel');
    return kit;
  };

  return app
    .openapi(routes.list, async (c) => {
      const kits = await listBrandKits(db, c.get('caller').channelId);
      return c.json({ items: await Promise.all(kits.map((k) => toView(k, deps.storage))) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const { channelId } = c.get('caller');
      await ensureChannel(db, channelId);
      const kit = await createBrandKit(db, channelId, c.req.valid('json'));
      return c.json(await toView(kit, deps.storage), 201);
    })
    .openapi(routes.get, async (c) => {
      const kit = found(await getBrandKit(db, c.get('caller').channelId, c.req.valid('param').id));
      return c.json(await toView(kit, deps.storage), 200);
    })
    .openapi(routes.update, async (c) => {
      const kit = found(
        await updateBrandKit(db, c.get('caller').channelId, c.req.valid('param').id, c.req.valid('json')),
      );
      return c.json(await toView(kit, deps.storage), 200);
    })
    .openapi(routes.delete, async (c) => {
      const kit = found(await deleteBrandKit(db, c.get('caller').channelId, c.req.valid('param').id));
      if (kit.logo) await deps.storage.remove([kit.logo.storageKey], 'private');
      return c.body(null, 204);
    })
    .openapi(routes.logo, async (c) => {
      const { channelId } = c.get('caller');
      const { id } = c.req.valid('param');
      const before = found(await getBrandKit(db, channelId, id));
      const logo = await readLogo(c.req.raw);
      const storageKey = `logos/${id}/${randomUUID()}.${logo.extension}`;
      await deps.storage.put({
        key: storageKey,
        data: logo.data,
        contentType: logo.contentType,
        visibility: 'private',
      });
      const kit = found(
        await setBrandKitLogo(db, channelId, id, {
          storageKey,
          contentType: logo.contentType,
          bytes: logo.data.length,
        }),
      );
      if (before.logo) await deps.storage.remove([before.logo.storageKey], 'private');
      return c.json(await toView(kit, deps.storage), 200);
    });
}
