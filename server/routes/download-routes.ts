import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { getAsset } from '../assets/asset-store.js';
import { zipAsset, zipNameOf } from '../assets/asset-zip.js';
import { downloadLinksFor } from '../assets/download-links.js';
import { NotFoundError, UnauthorizedError } from '../errors/index.js';
import { validationHook } from '../http/validation-hook.js';
import { ERRORS } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/download/{id}',
  summary: 'A zip of every size of an asset, through a link from POST /api/v1/assets/{id}/download-link',
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({
      channel: z.string().min(1).max(64),
      expires: z.coerce.number().int().positive(),
      signature: z.string().max(64),
    }),
  },
  responses: {
    200: {
      description: 'The zip',
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...ERRORS,
  },
});

/** `GET /download/:id`: the zip a signed link grants, named for the asset, never cached by others. */
export function downloadRoutes(deps: AppDeps) {
  const links = downloadLinksFor(deps.extensionSecret);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { channel, expires, signature } = c.req.valid('query');
    if (!links.verify({ channelId: channel, assetId: id, expires }, signature))
      throw new UnauthorizedError('this download link is not valid or has expired; ask for a new one');
    const asset = await getAsset(deps.database.db, channel, id);
    const zip = asset && (await zipAsset(asset, deps.storage));
    if (!asset || !zip) throw new NotFoundError('this asset is gone, or its files are moving: try again');
    return c.body(zip.slice().buffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${zipNameOf(asset)}"`,
      'Content-Length': String(zip.length),
      'Cache-Control': 'private, no-store',
    });
  });
}
