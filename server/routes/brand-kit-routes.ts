import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { HonoRequest } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { SIGNED_URL_TTL_SECONDS } from '../assets/asset-view.js';
import { BrandKitPatchSchema, BrandKitSchema } from '../brand/brand-kit.js';
import type { BrandKitRecord } from '../brand/brand-kit-record.js';
import { PayloadTooLargeError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import {
  addBrandKit,
  changeBrandKit,
  MAX_LOGO_BYTES,
  readBrandKit,
  readBrandKits,
  removeBrandKit,
  uploadBrandKitLogo,
} from '../use-cases/index.js';
import { ERRORS, IdParams, json, security } from './schemas.js';

const BrandKitBody = BrandKitSchema.extend({ active: z.boolean().optional() }).openapi('BrandKitInput');
const BrandKitPatch = BrandKitPatchSchema.extend({ active: z.boolean().optional() }).openapi('BrandKitPatch');

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

/**
 * Reads an uploaded logo's bytes, refusing a declared size over the limit before reading any.
 * Through Hono's request, not the raw one: a middleware that read a body labelled JSON first
 * (storableText does) has already consumed the raw stream, and Hono keeps what it read.
 */
async function readLogoBody(request: HonoRequest): Promise<Buffer> {
  if (Number(request.header('content-length') ?? 0) > MAX_LOGO_BYTES)
    throw new PayloadTooLargeError('a logo may be 2 MB at most');
  return Buffer.from(await request.arrayBuffer());
}

/** Brand kit CRUD and logo upload. */
export function brandKitRoutes(deps: AppDeps) {
  const view = (kit: BrandKitRecord) => toView(kit, deps.storage);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) => {
      const kits = await readBrandKits(deps, c.get('caller'));
      return c.json({ items: await Promise.all(kits.map(view)) }, 200);
    })
    .openapi(routes.create, async (c) => {
      return c.json(await view(await addBrandKit(deps, c.get('caller'), c.req.valid('json'))), 201);
    })
    .openapi(routes.get, async (c) => {
      return c.json(await view(await readBrandKit(deps, c.get('caller'), c.req.valid('param').id)), 200);
    })
    .openapi(routes.update, async (c) => {
      const kit = await changeBrandKit(deps, c.get('caller'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(await view(kit), 200);
    })
    .openapi(routes.delete, async (c) => {
      await removeBrandKit(deps, c.get('caller'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(routes.logo, async (c) => {
      const data = await readLogoBody(c.req);
      const kit = await uploadBrandKitLogo(deps, c.get('caller'), c.req.valid('param').id, data);
      return c.json(await view(kit), 200);
    });
}
