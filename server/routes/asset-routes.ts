import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { Asset } from '../assets/asset.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import { DOWNLOAD_LINK_TTL_SECONDS, downloadLinksFor } from '../assets/download-links.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { AppEnv } from '../http/app-env.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { validationHook } from '../http/validation-hook.js';
import { toJobView } from '../jobs/job-view.js';
import {
  changeVisibility,
  deleteAsset,
  readAsset,
  readAssets,
  readVersions,
  refineAsset,
  seesPublicOnly,
} from '../use-cases/index.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import { publicGalleries } from './public-galleries.js';
import { renderedResponse } from './rendered-response.js';
import {
  ERRORS,
  IdempotencyHeaders,
  IdParams,
  json,
  PageQuery,
  page,
  pageJson,
  positionOf,
  QUEUED_RESPONSES,
  ReferenceImageIds,
  security,
  userText,
} from './schemas.js';

const AssetPageSchema = page(AssetViewSchema, 'AssetPage');
type AssetPage = z.infer<typeof AssetPageSchema>;

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
  responses: { 200: json(AssetPageSchema, 'A page of assets'), ...ERRORS },
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

const DownloadLinkSchema = z
  .object({
    url: z.string().openapi({
      example:
        'https://studio.example.com/download/0f8fad5b-d9cb-469f-a165-70867728950e?channel=123&expires=1767225600&signature=…',
      description: 'A zip of every size of the asset; works without credentials until `expiresAt`.',
    }),
    expiresAt: z.string().openapi({ example: '2026-01-01T00:05:00.000Z', description: 'ISO 8601, UTC.' }),
  })
  .openapi('DownloadLink');

const downloadLinkRoute = createRoute({
  method: 'post',
  path: '/assets/{id}/download-link',
  summary: 'A short-lived link to a zip of every size of an asset',
  description:
    'For a browser to open in a new tab (where no Authorization header follows): the link itself carries ' +
    `the permission, for ${DOWNLOAD_LINK_TTL_SECONDS / 60} minutes. Anyone who may see the asset may ask for one.`,
  security,
  request: { params: IdParams },
  responses: { 200: json(DownloadLinkSchema, 'The link'), ...ERRORS },
});

const RefineBody = z
  .object({
    instruction: userText(
      'make the sunglasses pink',
      'The change to make, in your words (everything else about the picture is kept)',
    ),
    referenceImageIds: ReferenceImageIds.optional(),
  })
  .openapi('RefineRequest');

const refineRoute = createRoute({
  method: 'post',
  path: '/assets/{id}/refine',
  summary: 'Queue a refinement of an asset: its source image edited by an instruction',
  description:
    'Makes a new asset of the same type and visibility, linked to this one (parentAssetId). Counts as a ' +
    'generation (rate, queue cap, daily budget) and honours Idempotency-Key. 409 SOURCE_MISSING for an ' +
    'asset made before source images were kept.',
  security,
  request: {
    params: IdParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: RefineBody } } },
  },
  responses: { ...QUEUED_RESPONSES, ...ERRORS },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/assets/{id}/versions',
  summary: 'The version line of an asset: its first version and every refinement, oldest first',
  description: 'Viewers see the public versions only.',
  security,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ items: z.array(AssetViewSchema) }).openapi('AssetVersions'), 'The line'),
    ...ERRORS,
  },
});

/** The channel's gallery: viewers browse public assets, the broadcaster manages all of them. */
export function assetRoutes(deps: AppDeps) {
  const view = (asset: Asset) => toAssetView(asset, deps.storage);
  const cursors = cursorCodecFor(deps.extensionSecret);
  const galleries = publicGalleries(deps);
  const downloads = downloadLinksFor(deps.extensionSecret);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => {
      const caller = c.get('caller');
      const { cursor, ...query } = c.req.valid('query');
      // A viewer's gallery is the channel's public one: one cached page for all of them.
      if (seesPublicOnly(caller, query.visibility))
        return renderedResponse<AssetPage>(c, await galleries(caller.channelId, { ...query, cursor }));
      const result = await readAssets(deps, caller, {
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
    })
    .openapi(refineRoute, async (c) => {
      const { job, created } = await refineAsset(deps, c.get('caller'), c.req.valid('param').id, {
        ...c.req.valid('json'),
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      });
      return created ? c.json(toJobView(job), 202) : c.json(toJobView(job), 200);
    })
    .openapi(versionsRoute, async (c) => {
      const line = await readVersions(deps, c.get('caller'), c.req.valid('param').id);
      return c.json({ items: await Promise.all(line.map(view)) }, 200);
    })
    .openapi(downloadLinkRoute, async (c) => {
      const asset = await readAsset(deps, c.get('caller'), c.req.valid('param').id);
      const expires = Math.floor(Date.now() / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
      const query = downloads.sign({ channelId: asset.channelId, assetId: asset.id, expires });
      const url = `${deps.config.publicBaseUrl}/download/${asset.id}?${new URLSearchParams(query)}`;
      return c.json({ url, expiresAt: new Date(expires * 1000).toISOString() }, 200);
    });
}
