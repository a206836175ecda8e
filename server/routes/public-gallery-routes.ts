import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { Asset } from '../assets/asset.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import { NotFoundError } from '../errors/index.js';
import { validationHook } from '../http/validation-hook.js';
import { renderAnswer } from '../read-cache/index.js';
import { readPublicAsset } from '../use-cases/index.js';
import { publicGalleries } from './public-galleries.js';
import { renderedResponse } from './rendered-response.js';
import { ErrorSchema, IdParams, json, PageQuery, page } from './schemas.js';

/**
 * How long anyone (a browser, a CDN in front of the server) may keep a public answer, and may keep
 * serving it while it fetches the next: a raid on the panel then costs the server one request
 * per edge every few seconds. Short, so an asset made private leaves every gallery within a minute.
 */
export const PUBLIC_JSON_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';

const AssetPageSchema = page(AssetViewSchema, 'AssetPage');

const PUBLIC_ERRORS = {
  400: json(ErrorSchema, 'Invalid input'),
  404: json(ErrorSchema, 'No such public asset'),
};

const ChannelParams = z.object({
  channelId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a channel id is the broadcaster’s Twitch user id')
    .openapi({ example: '123456789', description: 'The Twitch channel (broadcaster id).' }),
});

const galleryRoute = createRoute({
  method: 'get',
  path: '/public/v1/channels/{channelId}/assets',
  summary: 'A channel’s public gallery, newest first: no auth, cacheable by anyone',
  request: {
    params: ChannelParams,
    query: z.object({ assetType: z.enum(ASSET_TYPES).optional(), ...PageQuery }),
  },
  responses: {
    200: json(AssetPageSchema, 'A page of public assets'),
    304: { description: 'Not modified (`If-None-Match` named the current version)' },
    ...PUBLIC_ERRORS,
  },
});

const assetRoute = createRoute({
  method: 'get',
  path: '/public/v1/assets/{id}',
  summary: 'A public asset with its files’ URLs: no auth, cacheable by anyone',
  request: { params: IdParams },
  responses: {
    200: json(AssetViewSchema, 'The asset'),
    304: { description: 'Not modified (`If-None-Match` named the current version)' },
    ...PUBLIC_ERRORS,
  },
});

/**
 * What every viewer of a channel reads, the same for all of them: the public gallery and public
 * assets, with no token, from memory while nothing changed on the channel, with ETags so a
 * revalidation costs no body, and cacheable by a CDN. Private assets never appear here.
 */
export function publicGalleryRoutes(deps: AppDeps) {
  const view = (asset: Asset) => toAssetView(asset, deps.storage);
  const galleries = publicGalleries(deps);
  const shared = { cacheControl: PUBLIC_JSON_CACHE_CONTROL };
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(galleryRoute, async (c) => {
      const rendered = await galleries(c.req.valid('param').channelId, c.req.valid('query'));
      return renderedResponse<z.infer<typeof AssetPageSchema>>(c, rendered, shared);
    })
    .openapi(assetRoute, async (c) => {
      const { id } = c.req.valid('param');
      const rendered = await deps.reads.publicAssets.load(id, async () => {
        const asset = await readPublicAsset(deps, id);
        return asset && { value: renderAnswer(await view(asset)), channelId: asset.channelId };
      });
      if (!rendered) throw new NotFoundError('no such public asset');
      return renderedResponse<z.infer<typeof AssetViewSchema>>(c, rendered, shared);
    });
}
