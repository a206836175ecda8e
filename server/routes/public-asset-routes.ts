import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { getPublicAsset } from '../assets/asset-store.js';
import { NotFoundError } from '../errors/index.js';
import { matchesEtag, PUBLIC_FILE_CACHE_CONTROL, PUBLIC_REDIRECT_CACHE_CONTROL } from '../http/http-cache.js';
import { validationHook } from '../http/validation-hook.js';
import { ERRORS } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/asset/{id}',
  summary: 'A public asset’s file, no auth (the largest, or `?size=56x56`)',
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({
      size: z
        .string()
        .regex(/^\d{1,4}x\d{1,4}$/, 'a size is WIDTHxHEIGHT, like 56x56')
        .optional(),
    }),
  },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    302: { description: 'The file is at its public URL on the storage host (Supabase, a CDN)' },
    304: { description: 'Not modified' },
    ...ERRORS,
  },
});

/**
 * `GET /asset/:id`: public files for anyone (the overlay, OBS, chat links); private and missing
 * are the same 404. Where the storage host serves public files itself, this redirects there
 * rather than streaming every byte through this server.
 */
export function publicAssetRoutes(deps: AppDeps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { size } = c.req.valid('query');
    const asset = await getPublicAsset(deps.database.db, id);
    const file =
      asset && (size ? asset.files.find((f) => `${f.width}x${f.height}` === size) : asset.files[0]);
    if (!asset || !file)
      throw new NotFoundError(size && asset ? `this asset has no ${size} file` : 'no such public asset');
    if (deps.storage.publicUrlsAreExternal) {
      c.header('Cache-Control', PUBLIC_REDIRECT_CACHE_CONTROL);
      return c.redirect(deps.storage.publicUrl(file.storageKey), 302);
    }
    // A file never changes under its asset id and size: new content means a new asset.
    const etag = `"${asset.id}-${file.width}x${file.height}"`;
    const headers = { ETag: etag, 'Cache-Control': PUBLIC_FILE_CACHE_CONTROL };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const data = await deps.storage.read(file.storageKey, 'public');
    if (!data) throw new NotFoundError('no such public asset');
    return c.body(new Uint8Array(data), 200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(data.length),
    });
  });
}
