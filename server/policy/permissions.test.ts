import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { insertWantedReward, saveTwitchConnection } from '../twitch/index.js';
import { ACTIONS, POLICY } from './policy.js';

/**
 * Every route × every kind of caller, checked against statuses written out by hand: the policy
 * table is what the server does, and this matrix is what we mean it to do.
 */

const PRINCIPALS = [
  'broadcaster',
  'moderator',
  'moderatorAllowed',
  'viewer',
  'broadcasterToken',
  'viewerToken',
  'anonymous',
] as const;
type Principal = (typeof PRINCIPALS)[number];

// Columns in PRINCIPALS order: B, M (mods may not generate), M (mods may), V, B token, V token, nobody.
type Row = readonly [number, number, number, number, number, number, number];

const CHANNEL = '7001';
/** A second channel whose broadcaster let moderators generate. */
const MODS_ALLOWED = '7002';

let studio: TestStudio;
let tokens: Record<Principal, string | undefined>;
/** Ids on each channel that the routes below act on, made fresh where a call consumes them. */
let fixtures: Record<string, { publicAsset: string; privateAsset: string; brandKit: string }>;

const channelOf = (principal: Principal) => (principal === 'moderatorAllowed' ? MODS_ALLOWED : CHANNEL);

async function apiToken(channelId: string, role: 'broadcaster' | 'viewer') {
  const response = await studio.call('/api/v1/tokens', {
    token: studio.token(channelId),
    body: { name: `${role} token`, role },
  });
  return ((await response.json()) as { token: string }).token;
}

async function newJob(channelId: string) {
  const response = await studio.call('/api/v1/generate', {
    token: studio.token(channelId),
    body: { assetType: 'emote', prompt: 'a cancellable cat' },
  });
  return ((await response.json()) as { id: string }).id;
}

async function newBrandKit(channelId: string) {
  const response = await studio.call('/api/v1/brand-kits', {
    token: studio.token(channelId),
    body: { name: 'kit', colors: { primary: '#112233', secondary: '#445566', accent: '#778899' } },
  });
  return ((await response.json()) as { id: string }).id;
}

async function newToken(channelId: string) {
  const response = await studio.call('/api/v1/tokens', {
    token: studio.token(channelId),
    body: { name: 'x' },
  });
  return ((await response.json()) as { id: string }).id;
}

async function newReferenceImage(channelId: string) {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#112233' } })
    .png()
    .toBuffer();
  const response = await studio.app.request('/api/v1/reference-images?label=cat', {
    method: 'POST',
    body: new Uint8Array(png),
    headers: { Authorization: `Bearer ${studio.token(channelId)}`, 'Content-Type': 'image/png' },
  });
  return ((await response.json()) as { id: string }).id;
}

let rewards = 0;
/** A reward that never reached Twitch, so deleting it is immediate. */
async function newReward(channelId: string) {
  const title = `reward ${++rewards}`;
  return (await insertWantedReward(studio.database.db, { channelId, title, cost: 1, assetType: 'emote' })).id;
}

/** Connects the channel's Twitch account (DELETE /twitch/connection forgets it), so adding a reward answers by the policy. */
async function connectTwitch(channelId: string) {
  await saveTwitchConnection(studio.database.db, studio.deps.twitch.cipher, {
    channelId,
    twitchUserId: `tw-${channelId}`,
    login: `streamer${channelId}`,
    token: { accessToken: 'a', refreshToken: 'r', scope: [], expiresIn: null, obtainmentTimestamp: 0 },
  });
}

interface Case {
  readonly name: string;
  readonly expected: Row;
  /** Builds the request for a principal; may make what the call consumes. */
  readonly request: (
    channelId: string,
  ) => Promise<{ path: string; method?: string; body?: unknown; raw?: BodyInit; contentType?: string }>;
}

const kit = { name: 'kit', colors: { primary: '#112233', secondary: '#445566', accent: '#778899' } };
const fx = (channelId: string) => fixtures[channelId]!;

const CASES: readonly Case[] = [
  {
    name: 'POST /generate',
    expected: [202, 403, 202, 403, 202, 403, 401],
    request: async () => ({ path: '/api/v1/generate', body: { assetType: 'emote', prompt: 'a cat' } }),
  },
  {
    name: 'GET /jobs',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/jobs' }),
  },
  {
    name: 'GET /jobs/:id',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async (c) => ({ path: `/api/v1/jobs/${await newJob(c)}` }),
  },
  {
    name: 'GET /jobs/:id/assets',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async (c) => ({ path: `/api/v1/jobs/${await newJob(c)}/assets` }),
  },
  {
    name: 'POST /jobs/:id/cancel',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async (c) => ({ path: `/api/v1/jobs/${await newJob(c)}/cancel`, method: 'POST' }),
  },
  {
    name: 'GET /assets',
    expected: [200, 200, 200, 200, 200, 200, 401],
    request: async () => ({ path: '/api/v1/assets' }),
  },
  {
    name: 'GET /assets?visibility=private',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/assets?visibility=private' }),
  },
  {
    name: 'GET /assets/:id (public)',
    expected: [200, 200, 200, 200, 200, 200, 401],
    request: async (c) => ({ path: `/api/v1/assets/${fx(c).publicAsset}` }),
  },
  {
    name: 'GET /assets/:id (private)',
    expected: [200, 200, 200, 404, 200, 404, 401],
    request: async (c) => ({ path: `/api/v1/assets/${fx(c).privateAsset}` }),
  },
  {
    name: 'PUT /assets/:id/visibility',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async (c) => ({
      path: `/api/v1/assets/${fx(c).privateAsset}/visibility`,
      method: 'PUT',
      body: { visibility: 'private' },
    }),
  },
  {
    name: 'DELETE /assets/:id',
    expected: [204, 403, 403, 403, 204, 403, 401],
    request: async (c) => ({
      path: `/api/v1/assets/${(await makeAsset(studio, c, { visibility: 'public' })).id}`,
      method: 'DELETE',
    }),
  },
  {
    name: 'POST /assets/:id/download-link (public)',
    expected: [200, 200, 200, 200, 200, 200, 401],
    request: async (c) => ({ path: `/api/v1/assets/${fx(c).publicAsset}/download-link`, method: 'POST' }),
  },
  {
    name: 'POST /assets/:id/download-link (private)',
    expected: [200, 200, 200, 404, 200, 404, 401],
    request: async (c) => ({ path: `/api/v1/assets/${fx(c).privateAsset}/download-link`, method: 'POST' }),
  },
  {
    name: 'GET /me',
    expected: [200, 200, 200, 200, 200, 200, 401],
    request: async () => ({ path: '/api/v1/me' }),
  },
  {
    name: 'GET /brand-kits',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/brand-kits' }),
  },
  {
    name: 'POST /brand-kits',
    expected: [201, 403, 403, 403, 201, 403, 401],
    request: async () => ({ path: '/api/v1/brand-kits', body: kit }),
  },
  {
    name: 'GET /brand-kits/:id',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async (c) => ({ path: `/api/v1/brand-kits/${fx(c).brandKit}` }),
  },
  {
    name: 'PUT /brand-kits/:id',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async (c) => ({
      path: `/api/v1/brand-kits/${fx(c).brandKit}`,
      method: 'PUT',
      body: { tone: 'calm' },
    }),
  },
  {
    name: 'PUT /brand-kits/:id/logo',
    expected: [400, 403, 403, 403, 400, 403, 401],
    request: async (c) => ({
      path: `/api/v1/brand-kits/${fx(c).brandKit}/logo`,
      method: 'PUT',
      raw: 'not an image',
      contentType: 'image/png',
    }),
  },
  {
    name: 'DELETE /brand-kits/:id',
    expected: [204, 403, 403, 403, 204, 403, 401],
    request: async (c) => ({ path: `/api/v1/brand-kits/${await newBrandKit(c)}`, method: 'DELETE' }),
  },
  {
    name: 'GET /reference-images',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/reference-images' }),
  },
  {
    name: 'POST /reference-images',
    expected: [400, 403, 403, 403, 400, 403, 401],
    request: async () => ({
      path: '/api/v1/reference-images?label=cat',
      method: 'POST',
      raw: 'not an image',
      contentType: 'image/png',
    }),
  },
  {
    name: 'DELETE /reference-images/:id',
    expected: [204, 403, 403, 403, 204, 403, 401],
    request: async (c) => ({
      path: `/api/v1/reference-images/${await newReferenceImage(c)}`,
      method: 'DELETE',
    }),
  },
  {
    name: 'GET /tokens',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/tokens' }),
  },
  {
    name: 'POST /tokens',
    expected: [201, 403, 403, 403, 403, 403, 401],
    request: async () => ({ path: '/api/v1/tokens', body: { name: 'minted' } }),
  },
  {
    name: 'DELETE /tokens/:id',
    expected: [200, 403, 403, 403, 403, 403, 401],
    request: async (c) => ({ path: `/api/v1/tokens/${await newToken(c)}`, method: 'DELETE' }),
  },
  {
    name: 'GET /channel',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/channel' }),
  },
  {
    name: 'PUT /channel',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/channel', method: 'PUT', body: {} }),
  },
  {
    name: 'POST /twitch/connect',
    expected: [200, 403, 403, 403, 403, 403, 401],
    request: async () => ({ path: '/api/v1/twitch/connect', method: 'POST' }),
  },
  {
    name: 'GET /twitch/connection',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/twitch/connection' }),
  },
  {
    name: 'DELETE /twitch/connection',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/twitch/connection', method: 'DELETE' }),
  },
  {
    name: 'GET /chat/settings',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/chat/settings' }),
  },
  {
    name: 'PUT /chat/settings',
    expected: [200, 403, 403, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/chat/settings', method: 'PUT', body: { enabled: true } }),
  },
  {
    name: 'GET /twitch/rewards',
    expected: [200, 200, 200, 403, 200, 403, 401],
    request: async () => ({ path: '/api/v1/twitch/rewards' }),
  },
  {
    name: 'POST /twitch/rewards',
    expected: [201, 403, 403, 403, 201, 403, 401],
    request: async (c) => {
      await connectTwitch(c);
      return {
        path: '/api/v1/twitch/rewards',
        body: { title: `reward ${++rewards}`, cost: 100, assetType: 'emote' },
      };
    },
  },
  {
    name: 'DELETE /twitch/rewards/:id',
    expected: [204, 403, 403, 403, 204, 403, 401],
    request: async (c) => ({ path: `/api/v1/twitch/rewards/${await newReward(c)}`, method: 'DELETE' }),
  },
  {
    name: 'GET /events',
    expected: [200, 200, 200, 200, 200, 200, 401],
    request: async () => ({ path: '/api/v1/events' }),
  },
];

beforeAll(async () => {
  // Twitch configured, so connecting answers by the policy rather than 409 TWITCH_NOT_CONFIGURED.
  studio = await createTestStudio({
    env: { TWITCH_CLIENT_ID: 'matrix-client', TWITCH_CLIENT_SECRET: 'matrix-secret' },
  });
  const allowed = await studio.call('/api/v1/channel', {
    token: studio.token(MODS_ALLOWED),
    method: 'PUT',
    body: { allowModeratorGenerate: true },
  });
  if (allowed.status !== 200) throw new Error(`PUT /channel answered ${allowed.status}`);
  fixtures = {};
  for (const channelId of [CHANNEL, MODS_ALLOWED]) {
    fixtures[channelId] = {
      publicAsset: (await makeAsset(studio, channelId, { visibility: 'public' })).id,
      privateAsset: (await makeAsset(studio, channelId, { visibility: 'private' })).id,
      brandKit: await newBrandKit(channelId),
    };
  }
  tokens = {
    broadcaster: studio.token(CHANNEL, 'broadcaster'),
    moderator: studio.token(CHANNEL, 'moderator'),
    moderatorAllowed: studio.token(MODS_ALLOWED, 'moderator'),
    viewer: studio.token(CHANNEL, 'viewer'),
    broadcasterToken: await apiToken(CHANNEL, 'broadcaster'),
    viewerToken: await apiToken(CHANNEL, 'viewer'),
    anonymous: undefined,
  };
}, 60_000);
afterAll(() => studio.close());

describe('who may call what', () => {
  it('shows each channel its own moderator setting', async () => {
    const read = async (channelId: string) =>
      (await (
        await studio.call('/api/v1/channel', { token: studio.token(channelId, 'moderator') })
      ).json()) as {
        allowModeratorGenerate: boolean;
      };
    expect(await read(MODS_ALLOWED)).toMatchObject({ id: MODS_ALLOWED, allowModeratorGenerate: true });
    expect(await read(CHANNEL)).toMatchObject({ id: CHANNEL, allowModeratorGenerate: false });
  });

  it.each(CASES)('$name', async ({ request, expected }) => {
    const seen: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [i, principal] of PRINCIPALS.entries()) {
      const req = await request(channelOf(principal));
      const token = tokens[principal];
      const abort = new AbortController();
      const response = await studio.app.request(req.path, {
        method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(req.contentType ? { 'Content-Type': req.contentType } : {}),
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        ...(req.raw !== undefined ? { body: req.raw } : {}),
        signal: abort.signal,
      });
      seen[principal] = response.status;
      want[principal] = expected[i]!;
      // Event streams stay open: end them once their status is known.
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        abort.abort();
        await response.body?.cancel().catch(() => {});
      } else await response.arrayBuffer();
    }
    expect(seen).toEqual(want);
  });

  it('has a rule for every action and role, and nothing a viewer may change', () => {
    for (const action of ACTIONS) {
      expect(Object.keys(POLICY[action]).sort()).toEqual(['broadcaster', 'moderator', 'viewer']);
      if (!action.startsWith('asset.read')) expect(POLICY[action].viewer).toBe('no');
    }
  });
});
