import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { Asset } from '../assets/asset.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { AppEnv } from '../http/app-env.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { validationHook } from '../http/validation-hook.js';
import { changeVisibility, deleteAsset, readAsset, readAssets } from '../use-cases/index.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import { ERRORS, IdParams, json, PageQuery, page, pageJson, positionOf, security } from './schemas.js';

const listRoute = createRoute({
  method: 'get',
  path: '/assets',
  summary: 'The channel’s assets, newest first (viewers see public ones only)',
  security,
  request: {
    query: z.object({
      assetType: z.enum(ASSET_TYPES).optional(),
      visibility: z.enum(VISIBILITIES).optional(),
      ...PageQuery,
    }),
  },
  responses: { 200: json(page(AssetViewSchema, 'AssetPage'), 'A page of assets'), ...ERRORS },
});

const getRoute = createRoute({
  method: 'get',
  path: '/assets/{id}',
  summary: 'One asset with a URL for each file',
  security,
  request: { params: IdParams },
  responses: { 200: json(AssetViewSchema, 'The asset'), ...ERRORS },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/assets/{id}',
  summary: 'Delete an asset and its files',
  security,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...ERRORS },
});

const visibilityRoute = createRoute({
  method: 'put',
  path: '/assets/{id}/visibility',
  summary: 'Make an asset public (served to anyone, shown on stream) or private',
  security,
  request: {
    params: IdParams,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ visibility: z.enum(VISIBILITIES) }) } },
    },
  },
  responses: { 200: json(AssetViewSchema, 'The asset'), ...ERRORS },
});

/** The channel's gallery: viewers browse public assets, the broadcaster manages all of them. */
export function assetRoutes(deps: AppDeps) {
  const view = (asset: Asset) => toAssetView(asset, deps.storage);
  const cursors = cursorCodecFor(deps.extensionSecret);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => {
      const { cursor, ...query } = c.req.valid('query');
      const result = await readAssets(deps, c.get('caller'), {
        ...query,
        after: positionOf(cursors, cursor),
      });
      return c.json(await pageJson(result, view, cursors), 200);
    })
    .openapi(getRoute, async (c) => {
      return c.json(await view(await readAsset(deps, c.get('caller'), c.req.valid('param').id)), 200);
    })
    .openapi(deleteRoute, async (c) => {
      await deleteAsset(deps, c.get('caller'), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(visibilityRoute, async (c) => {
      const { visibility } = c.req.valid('json');
      const asset = await changeVisibility(deps, c.get('caller'), c.req.valid('param').id, visibility);
      return c.json(await view(asset), 200);
    });
}
