import fc from 'fast-check';
import { ASSET_TYPES } from '../../catalogue/index.js';
import { CHAT_AUDIENCES } from '../../chat/chat-permission.js';
import { JOB_STATUSES } from '../../jobs/job-status.js';
import { PACK_GROUPS } from '../../packs/pack-plan-types.js';
import { ROLES, VISIBILITIES } from '../../vocabulary/index.js';
import { cursorOf, idOf } from './fuzz-ids.js';
import type { FuzzBody, FuzzRequest } from './fuzz-request.js';
import { requestsTo, requestsToAny } from './fuzz-routes.js';
import type { FuzzWorld } from './fuzz-world.js';
import { hostileString, numberText, objectWith, oddButValidText } from './hostile-values.js';
import { bodyOf, headerText, queryOf, urlPart } from './request-parts.js';

/** A group of routes the fuzz sends at least its quota of requests to. */
export interface RouteFamily {
  readonly name: string;
  requests(world: FuzzWorld): fc.Arbitrary<FuzzRequest>;
}

const API = '/api/v1';

/** A query value that is one of `values` mostly. */
const textOf = (values: readonly string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileString });

const limit = fc.oneof(fc.constantFrom('1', '20', '100'), numberText);

const hexColor = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('#9146ff', '#FFFFFF', ' #abcdef ') },
  { weight: 1, arbitrary: fc.constantFrom('#abc', '9146ff', '#gggggg') },
);

const generate: RouteFamily = {
  name: 'generate',
  requests: (world) =>
    requestsTo(world, {
      methods: ['POST'],
      path: queryOf({}).map((query) => `${API}/generate${query}`),
      body: bodyOf(
        objectWith(
          {
            assetType: fc.constantFrom(...ASSET_TYPES),
            prompt: oddButValidText(40),
            brandKitId: fc.constantFrom(...world.brandKits.own),
            referenceImageIds: fc.array(idOf(world.assets), { maxLength: 6 }),
            visibility: fc.constantFrom(...VISIBILITIES),
          },
          { optional: ['brandKitId', 'referenceImageIds', 'visibility'] },
        ),
      ),
      headers: fc
        .option(fc.oneof(fc.constantFrom('retry-1', 'retry-2', 'retry-3'), headerText), { freq: 2 })
        .map((key): Record<string, string> => (key === null ? {} : { 'idempotency-key': key })),
    }),
};

const jobs: RouteFamily = {
  name: 'jobs list/get/assets/cancel',
  requests: (world) => {
    const job = urlPart(idOf(world.jobs)).map((id) => `${API}/jobs/${id}`);
    return requestsToAny(
      world,
      {
        methods: ['GET'],
        path: queryOf({
          status: textOf(JOB_STATUSES),
          limit,
          cursor: cursorOf(world.cursors, world.jobs),
        }).map((query) => `${API}/jobs${query}`),
      },
      { methods: ['GET'], path: job },
      { methods: ['GET'], path: job.map((path) => `${path}/assets`) },
      { methods: ['POST'], path: job.map((path) => `${path}/cancel`) },
    );
  },
};

const assets: RouteFamily = {
  name: 'assets list/get/visibility/delete',
  requests: (world) => {
    const asset = urlPart(idOf(world.assets)).map((id) => `${API}/assets/${id}`);
    return requestsToAny(
      world,
      {
        methods: ['GET'],
        path: queryOf({
          assetType: textOf(ASSET_TYPES),
          visibility: textOf(VISIBILITIES),
          limit,
          cursor: cursorOf(world.cursors, world.assets),
        }).map((query) => `${API}/assets${query}`),
      },
      { methods: ['GET'], path: asset },
      {
        methods: ['PUT'],
        path: asset.map((path) => `${path}/visibility`),
        body: bodyOf(objectWith({ visibility: fc.constantFrom(...VISIBILITIES) })),
      },
      { methods: ['DELETE'], path: asset },
      { methods: ['POST'], path: asset.map((path) => `${path}/download-link`) },
    );
  },
};

const refinements: RouteFamily = {
  name: 'asset refine/versions',
  requests: (world) => {
    const asset = urlPart(idOf(world.assets)).map((id) => `${API}/assets/${id}`);
    return requestsToAny(
      world,
      {
        methods: ['POST'],
        path: asset.map((path) => `${path}/refine`),
        body: bodyOf(objectWith({ instruction: oddButValidText(40) })),
        headers: fc
          .option(fc.oneof(fc.constantFrom('refine-1', 'refine-2'), headerText), { freq: 2 })
          .map((key): Record<string, string> => (key === null ? {} : { 'idempotency-key': key })),
      },
      { methods: ['GET'], path: asset.map((path) => `${path}/versions`) },
    );
  },
};

const packs: RouteFamily = {
  name: 'brand packs create/list/get/cancel/download',
  requests: (world) => {
    // Ids that name no pack of the caller's (jobs' ids, others', made up): every one a 404, never a 5xx.
    const pack = urlPart(idOf(world.jobs)).map((id) => `${API}/packs/${id}`);
    return requestsToAny(
      world,
      {
        methods: ['POST'],
        path: queryOf({}).map((query) => `${API}/packs${query}`),
        body: bodyOf(
          objectWith(
            {
              subjects: fc.array(oddButValidText(20), { maxLength: 8 }),
              include: fc.array(textOf([...PACK_GROUPS, 'stickers']), { maxLength: 7 }),
              brandKitId: fc.constantFrom(...world.brandKits.own, ...world.brandKits.other),
              visibility: fc.constantFrom(...VISIBILITIES),
            },
            { optional: ['subjects', 'include', 'brandKitId', 'visibility'] },
          ),
        ),
      },
      {
        methods: ['GET'],
        path: queryOf({ limit, cursor: cursorOf(world.cursors, world.jobs) }).map(
          (query) => `${API}/packs${query}`,
        ),
      },
      { methods: ['GET'], path: pack },
      { methods: ['GET'], path: pack.map((path) => `${path}/download`) },
      { methods: ['POST'], path: pack.map((path) => `${path}/cancel`) },
      { methods: ['POST'], path: pack.map((path) => `${path}/download-link`) },
    );
  },
};

const brandKitFields = {
  name: oddButValidText(8),
  colors: objectWith({ primary: hexColor, secondary: hexColor, accent: hexColor }, { clean: 8 }),
  fonts: fc.array(fc.constantFrom('Inter', 'Bangers', 'Comic Sans MS', '😎'), { maxLength: 4 }),
  tone: oddButValidText(10),
  styleWords: fc.array(oddButValidText(5), { maxLength: 12 }),
  logoDescription: oddButValidText(30),
  active: fc.boolean(),
};
const brandKitOptional = ['fonts', 'tone', 'styleWords', 'logoDescription', 'active'];

const logoBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('png', 'jpeg', 'webp', 'gif', 'truncatedPng', 'hugePngHeader', 'svg' as const)
      .map((image) => ({ image })),
  },
  { weight: 1, arbitrary: bodyOf(hostileString) },
);

const brandKits: RouteFamily = {
  name: 'brand kits list/create/get/update/delete/logo',
  requests: (world) => {
    const kit = urlPart(idOf(world.brandKits)).map((id) => `${API}/brand-kits/${id}`);
    return requestsToAny(
      world,
      { methods: ['GET'], path: fc.constant(`${API}/brand-kits`) },
      {
        methods: ['POST'],
        path: fc.constant(`${API}/brand-kits`),
        body: bodyOf(objectWith(brandKitFields, { optional: brandKitOptional })),
      },
      { methods: ['GET'], path: kit },
      {
        methods: ['PUT'],
        path: kit,
        body: bodyOf(objectWith(brandKitFields, { optional: Object.keys(brandKitFields) })),
      },
      { methods: ['DELETE'], path: kit },
      {
        methods: ['PUT'],
        path: kit.map((path) => `${path}/logo`),
        body: logoBody,
        contentTypes: ['image/png', 'image/jpeg', 'image/webp'],
      },
    );
  },
};

const referenceImages: RouteFamily = {
  name: 'reference images list/upload/delete',
  requests: (world) => {
    const kitId = fc.constantFrom(...world.brandKits.own, ...world.brandKits.other);
    // Ids that name no reference image of the caller's (kits', assets', made up): every one a 404, never a 5xx.
    const image = urlPart(fc.oneof(idOf(world.brandKits), idOf(world.assets))).map(
      (id) => `${API}/reference-images/${id}`,
    );
    return requestsToAny(
      world,
      {
        methods: ['GET'],
        path: queryOf({ brandKitId: kitId }).map((query) => `${API}/reference-images${query}`),
      },
      {
        methods: ['POST'],
        path: queryOf({ label: oddButValidText(30), brandKitId: kitId }).map(
          (query) => `${API}/reference-images${query}`,
        ),
        body: logoBody,
        contentTypes: ['image/png', 'image/jpeg', 'image/webp'],
      },
      { methods: ['DELETE'], path: image },
    );
  },
};

const tokens: RouteFamily = {
  name: 'tokens create/list/revoke',
  requests: (world) =>
    requestsToAny(
      world,
      {
        methods: ['POST'],
        path: fc.constant(`${API}/tokens`),
        body: bodyOf(
          objectWith(
            { name: oddButValidText(10), role: fc.constantFrom('viewer', 'broadcaster', ...ROLES) },
            { optional: ['role'] },
          ),
        ),
      },
      { methods: ['GET'], path: fc.constant(`${API}/tokens`) },
      { methods: ['DELETE'], path: urlPart(idOf(world.tokens)).map((id) => `${API}/tokens/${id}`) },
    ),
};

const channel: RouteFamily = {
  name: 'channel get/put',
  requests: (world) =>
    requestsToAny(
      world,
      { methods: ['GET'], path: queryOf({}).map((query) => `${API}/channel${query}`) },
      {
        methods: ['PUT'],
        path: fc.constant(`${API}/channel`),
        body: bodyOf(
          objectWith(
            {
              allowModeratorGenerate: fc.boolean(),
              dailyGenerationBudget: fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 1_000_002 })),
            },
            { optional: ['allowModeratorGenerate', 'dailyGenerationBudget'] },
          ),
        ),
      },
    ),
};

const audit: RouteFamily = {
  name: 'audit',
  requests: (world) =>
    requestsTo(world, {
      methods: ['GET'],
      path: queryOf({ limit, cursor: cursorOf(world.cursors, world.jobs) }).map(
        (query) => `${API}/audit${query}`,
      ),
    }),
};

// The /auth/twitch pages answer HTML, not the API's JSON errors: their own property is in twitch-auth-routes.test.ts.
const twitch: RouteFamily = {
  name: 'twitch connect/connection',
  requests: (world) =>
    requestsToAny(
      world,
      { methods: ['POST'], path: queryOf({}).map((query) => `${API}/twitch/connect${query}`) },
      { methods: ['GET', 'DELETE'], path: queryOf({}).map((query) => `${API}/twitch/connection${query}`) },
    ),
};

const chatWord = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('!gen', '!art', '!GEN', '?make', 'draw') },
  { weight: 1, arbitrary: oddButValidText(6) },
);
const cooldown = fc.integer({ min: -2, max: 86_402 });

const chatAndRewards: RouteFamily = {
  name: 'chat settings, channel-point rewards',
  requests: (world) =>
    requestsToAny(
      world,
      { methods: ['GET'], path: queryOf({}).map((query) => `${API}/chat/settings${query}`) },
      {
        methods: ['PUT'],
        path: fc.constant(`${API}/chat/settings`),
        body: bodyOf(
          objectWith(
            {
              enabled: fc.boolean(),
              prefix: chatWord,
              aliases: fc.array(chatWord, { maxLength: 6 }),
              who: fc.constantFrom(...CHAT_AUDIENCES),
              userCooldownSeconds: cooldown,
              channelCooldownSeconds: cooldown,
              publishAtOnce: fc.boolean(),
            },
            {
              optional: [
                'enabled',
                'prefix',
                'aliases',
                'who',
                'userCooldownSeconds',
                'channelCooldownSeconds',
                'publishAtOnce',
              ],
            },
          ),
        ),
      },
      { methods: ['GET'], path: queryOf({}).map((query) => `${API}/twitch/rewards${query}`) },
      {
        methods: ['POST'],
        path: fc.constant(`${API}/twitch/rewards`),
        body: bodyOf(
          objectWith({
            title: oddButValidText(50),
            cost: fc.integer({ min: -1, max: 1_000_001 }),
            assetType: fc.constantFrom(...ASSET_TYPES),
          }),
        ),
      },
      {
        methods: ['DELETE'],
        path: urlPart(idOf(world.rewards)).map((id) => `${API}/twitch/rewards/${id}`),
      },
    ),
};

const events: RouteFamily = {
  name: 'events',
  requests: (world) => {
    const eventId = fc.oneof(fc.constantFrom(...world.eventIds), numberText, hostileString);
    const eventIdHeader = fc.oneof(fc.constantFrom(...world.eventIds), headerText);
    const queryToken = fc.oneof(
      ...world.callers.flatMap((caller) =>
        caller.authorization ? [fc.constant(caller.authorization.replace(/^Bearer /, ''))] : [],
      ),
      hostileString,
    );
    return requestsTo(world, {
      methods: ['GET'],
      path: queryOf({ token: queryToken, lastEventId: eventId }).map((query) => `${API}/events${query}`),
      headers: fc
        .option(eventIdHeader, { freq: 2 })
        .map((id): Record<string, string> => (id === null ? {} : { 'last-event-id': id })),
    });
  },
};

const publicFiles: RouteFamily = {
  name: '/asset/:id public files',
  requests: (world) =>
    requestsTo(world, {
      methods: ['GET'],
      path: fc
        .tuple(
          urlPart(
            fc.oneof(
              { weight: 2, arbitrary: fc.constantFrom(...world.publicFiles) },
              { weight: 3, arbitrary: idOf(world.assets) },
            ),
          ),
          queryOf({ size: textOf(['112x112', '56x56', '28x28', '0x0', '9999x9999', '56x', '56X56']) }),
        )
        .map(([id, query]) => `/asset/${id}${query}`),
      headers: fc
        .option(fc.oneof(fc.constantFrom('*', 'W/"x"', '""'), headerText), { freq: 3 })
        .map((tag): Record<string, string> => (tag === null ? {} : { 'if-none-match': tag })),
    }),
};

const publicGallery: RouteFamily = {
  name: '/public/v1 gallery and assets',
  requests: (world) => {
    const conditional = fc
      .option(fc.oneof(fc.constantFrom('*', 'W/"x"', '""'), headerText), { freq: 3 })
      .map((tag): Record<string, string> => (tag === null ? {} : { 'if-none-match': tag }));
    const channel = urlPart(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('880001', '880002', 'local') },
        { weight: 1, arbitrary: hostileString },
      ),
    );
    return requestsToAny(
      world,
      {
        methods: ['GET'],
        path: fc
          .tuple(
            channel,
            queryOf({ assetType: textOf(ASSET_TYPES), limit, cursor: cursorOf(world.cursors, world.assets) }),
          )
          .map(([id, query]) => `/public/v1/channels/${id}/assets${query}`),
        headers: conditional,
      },
      {
        methods: ['GET'],
        path: urlPart(
          fc.oneof(
            { weight: 2, arbitrary: fc.constantFrom(...world.publicFiles) },
            { weight: 3, arbitrary: idOf(world.assets) },
          ),
        ).map((id) => `/public/v1/assets/${id}`),
        headers: conditional,
      },
    );
  },
};

const healthAndDocument: RouteFamily = {
  name: '/healthz, /openapi.json',
  requests: (world) =>
    requestsTo(world, {
      methods: ['GET'],
      path: fc
        .tuple(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom('/healthz', '/openapi.json') },
            {
              weight: 1,
              arbitrary: fc.constantFrom('/healthz/', '/HEALTHZ', '/openapi.json/..', '/openapi.json%00'),
            },
          ),
          queryOf({}),
        )
        .map(([path, query]) => path + query),
    }),
};

const downloadsAndRig: RouteFamily = {
  name: '/me, /download/:id, the rig',
  requests: (world) =>
    requestsToAny(
      world,
      { methods: ['GET'], path: queryOf({}).map((query) => `${API}/me${query}`) },
      {
        methods: ['GET'],
        path: fc
          .tuple(
            urlPart(idOf(world.assets)),
            queryOf({ channel: textOf(['fuzz-a', 'fuzz-b']), expires: numberText, signature: hostileString }),
          )
          .map(([id, query]) => `/download/${id}${query}`),
      },
      {
        methods: ['GET'],
        path: queryOf({ role: textOf(['broadcaster', 'moderator', 'viewer']) }).map(
          (query) => `/rig/token${query}`,
        ),
      },
      {
        methods: ['GET'],
        path: fc
          .oneof(
            fc.constantFrom('panel.html', 'rig.html', 'twitch-ext.js', 'assets/x.js', '../package.json'),
            urlPart(hostileString),
          )
          .map((path) => `/rig/${path}`),
      },
    ),
};

/** Every JSON route of the API, grouped as the fuzz counts them. */
export const ROUTE_FAMILIES: readonly RouteFamily[] = [
  generate,
  refinements,
  packs,
  jobs,
  assets,
  brandKits,
  referenceImages,
  tokens,
  channel,
  audit,
  twitch,
  chatAndRewards,
  events,
  publicFiles,
  publicGallery,
  healthAndDocument,
  downloadsAndRig,
];
