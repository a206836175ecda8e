import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { NotFoundError } from '../errors/index.js';
import { matchesEtag, PUBLIC_FILE_CACHE_CONTROL, PUBLIC_REDIRECT_CACHE_CONTROL } from '../http/http-cache.js';
import { validationHook } from '../http/validation-hook.js';
import type { Found, PublicFile } from '../read-cache/index.js';
import { readPublicAsset } from '../use-cases/index.js';
import type { AnswerParts } from './rendered-response.js';
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
 * rather than streaming every byte through this server. Served from memory while nothing changed
 * on the asset's channel, so a conditional request that matches costs no database or disk read.
 */
export function publicAssetRoutes(deps: AppDeps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { size } = c.req.valid('query');
    const file = await deps.reads.publicFiles.load(publicFileKey(id, size), () =>
      readPublicFile(deps, id, size),
    );
    if (!file) throw new NotFoundError('no such public asset');
    if (file.kind === 'absent') throw new NotFoundError(`this asset has no ${size} file`);
    if (file.kind === 'redirect') {
      c.header('Cache-Control', PUBLIC_REDIRECT_CACHE_CONTROL);
      return c.redirect(file.url, 302);
    }
    const { status, headers, body } = fileParts(file, c.req.header('if-none-match'));
    return body === null ? c.body(null, status, headers) : c.body(body, 200, headers);
  });
}

/** Where a public file is kept: its asset and the size asked for (none: the largest). */
export const publicFileKey = (id: string, size: string | undefined) => `${id} ${size ?? ''}`;

/** How a public file held in memory goes out: 304 when the caller holds it, else its bytes. */
export function fileParts(
  file: Extract<PublicFile, { kind: 'bytes' }>,
  ifNoneMatch: string | undefined,
): AnswerParts {
  const headers: Record<string, string> = { ETag: file.etag, 'Cache-Control': PUBLIC_FILE_CACHE_CONTROL };
  if (matchesEtag(ifNoneMatch, file.etag)) return { status: 304, headers, body: null };
  headers['Content-Type'] = file.contentType;
  headers['Content-Length'] = String(file.data.length);
  return { status: 200, headers, body: file.data };
}

/** What `/asset/:id` answers for a public asset, read from the database and storage; null when there is none. */
async function readPublicFile(
  deps: AppDeps,
  id: string,
  size: string | undefined,
): Promise<Found<PublicFile> | null> {
  const asset = await readPublicAsset(deps, id);
  if (!asset) return null;
  const { channelId } = asset;
  const file = size ? asset.files.find((f) => `${f.width}x${f.height}` === size) : asset.files[0];
  if (!file) return { value: { kind: 'absent' }, channelId };
  if (deps.storage.publicUrlsAreExternal)
    return { value: { kind: 'redirect', url: deps.storage.publicUrl(file.storageKey) }, channelId };
  const data = await deps.storage.read(file.storageKey, 'public');
  if (!data) return null;
  // A file never changes under its asset id and size: new content means a new asset.
  const etag = `"${asset.id}-${file.width}x${file.height}"`;
  // Copied once into memory of its own, so every answer sends these bytes as they are.
  return {
    value: { kind: 'bytes', data: new Uint8Array(data), contentType: file.contentType, etag },
    channelId,
  };
}
