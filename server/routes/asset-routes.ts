import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { type Asset, VISIBILITIES } from '../assets/asset.js';
import { deleteAsset, getAsset, listAssets, setAssetVisibility } from '../assets/asset-store.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import { ForbiddenError, NotFoundError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { requireRole } from '../http/authenticate.js';
import { validationHook } from '../http/validation-hook.js';
import { ERRORS, IdParams, json, PageQuery, page, security } from './schemas.js';

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
  const db = deps.database.db;
  const view = (asset: Asset) => toAssetView(asset, deps.storage);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.on(['PUT', 'DELETE'], '/assets/*', requireRole('broadcaster'));

  return app
    .openapi(listRoute, async (c) => {
      const caller = c.get('caller');
      const query = c.req.valid('query');
      const viewer = caller.role === 'viewer';
      if (viewer && query.visibility === 'private')
        throw new ForbiddenError('viewers see public assets only');
      const result = await listAssets(db, caller.channelId, {
        ...query,
        visibility: viewer ? 'public' : query.visibility,
      });
      return c.json({ items: await Promise.all(result.items.map(view)), nextCursor: result.nextCursor }, 200);
    })
    .openapi(getRoute, async (c) => {
      const caller = c.get('caller');
      const asset = await getAsset(db, caller.channelId, c.req.valid('param').id, {
        publicOnly: caller.role === 'viewer',
      });
      if (!asset) throw new NotFoundError('no such asset on this channel');
      return c.json(await view(asset), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { channelId } = c.get('caller');
      const asset = await deleteAsset(db, channelId, c.req.valid('param').id);
      if (!asset) throw new NotFoundError('no such asset on this channel');
      await deps.storage.remove(
        asset.files.map((f) => f.storageKey),
        asset.visibility,
      );
      await deps.events.publish({
        channelId,
        type: 'asset.deleted',
        audience: asset.visibility,
        data: { id: asset.id },
      });
      return c.body(null, 204);
    })
    .openapi(visibilityRoute, async (c) => {
      const { channelId } = c.get('caller');
      const { id } = c.req.valid('param');
      const { visibility } = c.req.valid('json');
      const before = await getAsset(db, channelId, id);
      if (!before) throw new NotFoundError('no such asset on this channel');
      const from = visibility === 'public' ? 'private' : 'public';
      // `move` is idempotent, so this also finishes a change an earlier crash cut short.
      const moveFiles = () =>
        Promise.all(before.files.map((f) => deps.storage.move(f.storageKey, from, visibility)));
      // Ordered so a crash between the two steps never exposes a private file: files are
      // hidden before the row says private, and the row says public before files are shown.
      if (visibility === 'private') await moveFiles();
      const asset = (await setAssetVisibility(db, channelId, id, visibility))!;
      if (visibility === 'public') await moveFiles();
      const data = await view(asset);
      // Viewers learn of an asset going private too, so their gallery drops it.
      await deps.events.publish({
        channelId,
        type: 'asset.updated',
        audience: 'public',
        data: visibility === 'public' ? data : { id, visibility },
      });
      return c.json(data, 200);
    });
}
