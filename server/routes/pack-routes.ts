import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { DOWNLOAD_LINK_TTL_SECONDS } from '../assets/download-links.js';
import type { AppEnv } from '../http/app-env.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { validationHook } from '../http/validation-hook.js';
import {
  MAX_PACK_SUBJECTS,
  MAX_SUBJECT_LENGTH,
  PACK_GROUPS,
  PackViewSchema,
  packDownloadLinksFor,
  toPackView,
} from '../packs/index.js';
import { MAX_USER_TEXT } from '../prompts/index.js';
import {
  allowPackDownload,
  cancelPack,
  createPack,
  downloadPack,
  readPack,
  readPacks,
} from '../use-cases/index.js';
import { VISIBILITIES } from '../vocabulary/index.js';
import {
  ERRORS,
  ErrorSchema,
  IdempotencyHeaders,
  IdParams,
  json,
  PageQuery,
  page,
  pageJson,
  positionOf,
  security,
} from './schemas.js';

const PackBody = z
  .object({
    subjects: z
      .array(
        z
          .string()
          .min(1)
          .max(MAX_USER_TEXT)
          .openapi({
            example: 'a cat in sunglasses',
            description: `One emote's idea, at most ${MAX_SUBJECT_LENGTH} characters once cleaned.`,
          }),
      )
      .max(MAX_PACK_SUBJECTS)
      .optional()
      .openapi({
        example: ['laughing hard', 'hyped and cheering', 'sending love'],
        description: `One emote per subject (at most ${MAX_PACK_SUBJECTS}); without any, three common reactions.`,
      }),
    include: z
      .array(z.enum(PACK_GROUPS))
      .min(1)
      .optional()
      .openapi({
        example: ['profile_picture', 'emotes', 'sub_badges'],
        description: 'The groups to make; without it, all of them.',
      }),
    brandKitId: z.uuid().optional().openapi({
      description:
        "A brand kit of this channel; without it, the channel's active kit (pinned for the whole pack).",
    }),
    visibility: z
      .enum(VISIBILITIES)
      .default('private')
      .openapi({ description: 'What every piece is made as.' }),
  })
  .openapi('PackRequest');

const createRoutePack = createRoute({
  method: 'post',
  path: '/packs',
  summary: 'Plan a brand pack and start making it',
  description:
    'Makes the first piece (the profile picture, when included), then every other piece with that ' +
    'image as its style reference, a few at a time. Each piece takes a unit of the daily budget as it ' +
    'is queued; when the budget runs out the pack stops (status stopped, stopCode BUDGET_EXHAUSTED), ' +
    'keeping what it made.',
  security,
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: PackBody } } },
  },
  responses: {
    200: json(PackViewSchema, 'The pack made earlier with the same Idempotency-Key'),
    202: json(PackViewSchema, 'The pack, its first piece queued'),
    ...ERRORS,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/packs/{id}',
  summary: 'One brand pack and its pieces',
  security,
  request: { params: IdParams },
  responses: { 200: json(PackViewSchema, 'The pack'), ...ERRORS },
});

const listRoute = createRoute({
  method: 'get',
  path: '/packs',
  summary: 'The channel’s brand packs, newest first',
  security,
  request: { query: z.object(PageQuery) },
  responses: { 200: json(page(PackViewSchema, 'PackPage'), 'A page of packs'), ...ERRORS },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/packs/{id}/cancel',
  summary: 'Cancel a running pack: its queued and running pieces, and every piece not yet queued',
  security,
  request: { params: IdParams },
  responses: { 200: json(PackViewSchema, 'The cancelled pack; finished pieces are kept'), ...ERRORS },
});

const ZIP = {
  description: 'The zip',
  content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
};

const downloadRoute = createRoute({
  method: 'get',
  path: '/packs/{id}/download',
  summary: 'A zip of every file of every finished piece, named as Twitch’s upload pages expect',
  description:
    'Files are `<piece>_<width>x<height>.png`: `profile_picture_256x256.png`, `panel_about_320x160.png`, ' +
    '`emote_<subject>_112x112.png`, `sub_badge_12_months_72x72.png`… 409 while no piece has finished.',
  security,
  request: { params: IdParams },
  responses: { 200: ZIP, 409: json(ErrorSchema, 'No piece has finished yet'), ...ERRORS },
});

const DownloadLinkSchema = z
  .object({
    url: z.string().openapi({ description: 'The pack’s zip; works without credentials until `expiresAt`.' }),
    expiresAt: z.string().openapi({ example: '2026-01-01T00:05:00.000Z' }),
  })
  .openapi('PackDownloadLink');

const downloadLinkRoute = createRoute({
  method: 'post',
  path: '/packs/{id}/download-link',
  summary: 'A short-lived link to the pack’s zip, for a browser tab where no Authorization header follows',
  security,
  request: { params: IdParams },
  responses: { 200: json(DownloadLinkSchema, 'The link'), ...ERRORS },
});

/** Brand packs: plan and start one, follow it, cancel it, download everything it made. */
export function packRoutes(deps: AppDeps) {
  const cursors = cursorCodecFor(deps.extensionSecret);
  const links = packDownloadLinksFor(deps.extensionSecret);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(createRoutePack, async (c) => {
      const { details, created } = await createPack(deps, c.get('caller'), {
        ...c.req.valid('json'),
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      });
      return created ? c.json(toPackView(details), 202) : c.json(toPackView(details), 200);
    })
    .openapi(listRoute, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const result = await readPacks(deps, c.get('caller'), { limit, after: positionOf(cursors, cursor) });
      return c.json(await pageJson(result, toPackView, cursors), 200);
    })
    .openapi(getRoute, async (c) => {
      const details = await readPack(deps, c.get('caller'), c.req.valid('param').id);
      return c.json(toPackView(details), 200);
    })
    .openapi(cancelRoute, async (c) => {
      const details = await cancelPack(deps, c.get('caller'), c.req.valid('param').id);
      return c.json(toPackView(details), 200);
    })
    .openapi(downloadRoute, async (c) => {
      const { zip, name } = await downloadPack(deps, c.get('caller'), c.req.valid('param').id);
      return c.body(zip.slice().buffer, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Content-Length': String(zip.length),
        'Cache-Control': 'private, no-store',
      });
    })
    .openapi(downloadLinkRoute, async (c) => {
      const pack = await allowPackDownload(deps, c.get('caller'), c.req.valid('param').id);
      const expires = Math.floor(Date.now() / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
      const query = links.sign({ channelId: pack.channelId, assetId: pack.id, expires });
      const url = `${deps.config.publicBaseUrl}/download/packs/${pack.id}?${new URLSearchParams(query)}`;
      return c.json({ url, expiresAt: new Date(expires * 1000).toISOString() }, 200);
    });
}
