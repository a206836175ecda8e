import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { DownloadLinks } from '../assets/download-links.js';
import { UnauthorizedError } from '../errors/index.js';
import { validationHook } from '../http/validation-hook.js';
import { ERRORS } from './schemas.js';

/** What a signed zip route serves: where, the links that grant it, and the zip a grant names. */
export interface SignedZip<P extends string> {
  /** An OpenAPI path with one `{id}` parameter. */
  readonly path: P;
  readonly summary: string;
  readonly links: DownloadLinks;
  /** The zip and its file name for `id` of `channelId`; throws `NOT_FOUND` (or another 4xx) when there is none. */
  readonly load: (channelId: string, id: string) => Promise<{ zip: Uint8Array; name: string }>;
}

/**
 * `GET <path>?channel&expires&signature`: the zip a signed link grants, for a browser tab where no
 * `Authorization` header follows, named for what it holds and never cached by others.
 */
export function signedZipRoute<P extends string>({ path, summary, links, load }: SignedZip<P>) {
  const route = createRoute({
    method: 'get',
    path,
    summary,
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
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { channel, expires, signature } = c.req.valid('query');
    if (!links.verify({ channelId: channel, assetId: id, expires }, signature))
      throw new UnauthorizedError('this download link is not valid or has expired; ask for a new one');
    const { zip, name } = await load(channel, id);
    return c.body(zip.slice().buffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(zip.length),
      'Cache-Control': 'private, no-store',
    });
  });
}
