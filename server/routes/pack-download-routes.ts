import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { UnauthorizedError } from '../errors/index.js';
import { validationHook } from '../http/validation-hook.js';
import { packDownloadLinksFor } from '../packs/index.js';
import { packZip } from '../use-cases/index.js';
import { ERRORS } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/download/packs/{id}',
  summary: 'A zip of a brand pack, through a link from POST /api/v1/packs/{id}/download-link',
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

/** `GET /download/packs/:id`: the pack's zip a signed link grants, never cached by others. */
export function packDownloadRoutes(deps: AppDeps) {
  const links = packDownloadLinksFor(deps.extensionSecret);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { channel, expires, signature } = c.req.valid('query');
    if (!links.verify({ channelId: channel, assetId: id, expires }, signature))
      throw new UnauthorizedError('this download link is not valid or has expired; ask for a new one');
    const { zip, name } = await packZip(deps, channel, id);
    return c.body(zip.slice().buffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(zip.length),
      'Cache-Control': 'private, no-store',
    });
  });
}
