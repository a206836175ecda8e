import { randomBytes } from 'node:crypto';
import { ApiClient } from '@twurple/api';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents, twitchConnections } from '../db/schema.js';
import { createLogger } from '../logging/logger.js';
import { eventually } from '../testing/eventually.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { TwitchStandIn, type TwitchUser } from '../testing/twitch/index.js';
import { OAUTH_STATE_TTL_MS } from '../twitch/oauth-state-store.js';
import { createTwitchAuth } from '../twitch/twitch-auth-provider.js';
import { listTwitchCredentials } from '../twitch/twitch-connection-store.js';

const CLIENT = 'studio-client';
const SECRET = 'studio-secret';
const SCOPES = [
  'user:read:chat',
  'user:write:chat',
  'channel:read:redemptions',
  'channel:manage:redemptions',
];
const streamer: TwitchUser = { id: '1001', login: 'streamer', displayName: 'Streamer' };
const other: TwitchUser = { id: '2002', login: 'otherstreamer', displayName: 'OtherStreamer' };

let twitch: TwitchStandIn;
let studio: TestStudio;
const lines: string[] = [];
const previousPort = process.env.TWURPLE_MOCK_API_PORT;
let codes = 0;

beforeAll(async () => {
  twitch = await TwitchStandIn.start();
  twitch.addClient(CLIENT, SECRET);
  for (const user of [streamer, other]) twitch.addUser(user);
  process.env.TWURPLE_MOCK_API_PORT = String(twitch.port);
  studio = await createTestStudio({
    worker: false,
    logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
    env: {
      TWITCH_CLIENT_ID: CLIENT,
      TWITCH_CLIENT_SECRET: SECRET,
      TWITCH_TOKEN_KEY: randomBytes(32).toString('base64'),
      // Not local mode: the account that signs in must be the channel's own.
      TWITCH_EXTENSION_SECRET: randomBytes(32).toString('base64'),
      PUBLIC_BASE_URL: 'https://studio.example.com',
    },
  });
});

afterEach(() => vi.useRealTimers());

afterAll(async () => {
  await studio.close();
  if (previousPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
  else process.env.TWURPLE_MOCK_API_PORT = previousPort;
  await twitch.close();
});

/** `POST /twitch/connect` as the channel's broadcaster; the state from the URL it answers. */
async function startConnect(channelId: string) {
  const response = await studio.call('/api/v1/twitch/connect', {
    method: 'POST',
    token: studio.token(channelId),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { url: string; loginUrl: string };
  return { ...body, state: new URL(body.url).searchParams.get('state')! };
}

/** A code the stand-in will exchange for `user`'s token, as if they had approved at Twitch. */
function approve(user: TwitchUser): string {
  const code = `code-${++codes}`;
  twitch.addCode(code, CLIENT, user, SCOPES);
  return code;
}

const callback = (query: Record<string, string>) =>
  studio.app.request(`/auth/twitch/callback?${new URLSearchParams(query)}`);

const connection = async (channelId: string, role: 'broadcaster' | 'moderator' = 'broadcaster') =>
  (await (
    await studio.call('/api/v1/twitch/connection', { token: studio.token(channelId, role) })
  ).json()) as Record<string, unknown>;

const rawRow = async (channelId: string) =>
  (
    await studio.database.db
      .select()
      .from(twitchConnections)
      .where(eq(twitchConnections.channelId, channelId))
  )[0];

async function connectChannel(user: TwitchUser) {
  const { state } = await startConnect(user.id);
  const page = await callback({ code: approve(user), state });
  expect(page.status).toBe(200);
}

describe('connecting Twitch', () => {
  it('goes from connect to login to callback, and keeps the tokens only encrypted', async () => {
    const { url, loginUrl, state } = await startConnect(streamer.id);
    const login = await studio.app.request(new URL(loginUrl).pathname + new URL(loginUrl).search);
    expect(login.status).toBe(302);
    const to = new URL(login.headers.get('location')!);
    expect(to.toString()).toBe(url);
    expect(to.origin + to.pathname).toBe('https://id.twitch.tv/oauth2/authorize');
    expect(Object.fromEntries(to.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: 'https://studio.example.com/auth/twitch/callback',
      scope: SCOPES.join(' '),
      state,
    });

    const page = await callback({ code: approve(streamer), state });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Connected as streamer; you can close this tab.');

    const exchange = twitch.requests.findLast((r) => r.path === '/auth/token')!;
    expect(exchange.query.get('redirect_uri')).toBe('https://studio.example.com/auth/twitch/callback');
    const issued = twitch.tokens.valid(
      (await listTwitchCredentials(studio.database.db, studio.deps.twitch.cipher, streamer.id))[0]!.token
        .accessToken,
    )!;
    expect(issued.userId).toBe(streamer.id);
    const row = JSON.stringify(await rawRow(streamer.id));
    expect(row).not.toContain(issued.accessToken);
    expect(row).not.toContain(issued.refreshToken);
    expect(await connection(streamer.id, 'moderator')).toMatchObject({
      status: 'connected',
      login: 'streamer',
      scopes: SCOPES,
      connectedAt: expect.any(String),
    });
    const audit = await studio.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.channelId, streamer.id));
    expect(audit.map((a) => [a.action, a.via, a.targetId])).toContainEqual([
      'twitch.connect',
      'extension_jwt',
      streamer.id,
    ]);
    // Nothing logged carries a token, a code, the state or the client secret.
    for (const secret of [issued.accessToken, issued.refreshToken, state, SECRET])
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
  });

  it('refuses a state used once already, and stores nothing new', async () => {
    const { state } = await startConnect(other.id);
    expect((await callback({ code: approve(other), state })).status).toBe(200);
    const before = await rawRow(other.id);
    const replay = await callback({ code: approve(other), state });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was already used');
    expect(await rawRow(other.id)).toEqual(before);
    expect((await studio.app.request(`/auth/twitch/login?state=${state}`)).status).toBe(400);
  });

  it('refuses a state minted for another channel: the account must be that channel’s broadcaster', async () => {
    const { state } = await startConnect('9009');
    const page = await callback({ code: approve(streamer), state });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('signed in to Twitch as streamer, which is not this channel');
    expect(await rawRow('9009')).toBeUndefined();
    expect(await connection('9009')).toEqual({ status: 'not_connected' });
  });

  it('refuses an expired state', async () => {
    const { state } = await startConnect(streamer.id);
    vi.useFakeTimers({ now: Date.now() + OAUTH_STATE_TTL_MS + 1000, toFake: ['Date'] });
    const page = await callback({ code: approve(streamer), state });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('expired');
  });

  it('says so calmly when the broadcaster denies access at Twitch, and the state is spent', async () => {
    const { state } = await startConnect('5005');
    const page = await callback({
      error: 'access_denied',
      error_description: 'The user denied you access',
      state,
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Twitch access was not granted');
    expect((await callback({ code: approve(streamer), state })).status).toBe(400);
  });

  it('refuses a code Twitch does not accept, without a 500 and without the secret in the page', async () => {
    const { state } = await startConnect(streamer.id);
    const page = await callback({ code: 'never-issued', state });
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain('Twitch did not accept the sign-in (Twitch answered 400');
    expect(text).not.toContain(SECRET);
  });

  it('answers a login link with no or an unknown state with a 400 page', async () => {
    expect((await studio.app.request('/auth/twitch/login')).status).toBe(400);
    expect((await studio.app.request('/auth/twitch/login?state=made-up')).status).toBe(400);
    expect((await callback({ code: 'x' })).status).toBe(400);
  });

  it('disconnecting forgets the tokens, revokes them at Twitch and is audited', async () => {
    await connectChannel(other);
    const from = twitch.requests.length;
    const response = await studio.call('/api/v1/twitch/connection', {
      method: 'DELETE',
      token: studio.token(other.id),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'not_connected' });
    expect(await rawRow(other.id)).toBeUndefined();
    expect(twitch.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toContain('POST /auth/revoke');
    const audit = await studio.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.channelId, other.id));
    expect(audit.map((a) => a.action)).toContain('twitch.disconnect');
  });
});

describe('the auth provider over stored connections', () => {
  it('writes a refreshed token back, encrypted', async () => {
    await connectChannel(streamer);
    const auth = await createTwitchAuth({
      db: studio.database.db,
      cipher: studio.deps.twitch.cipher,
      clientId: CLIENT,
      clientSecret: SECRET,
      logger: studio.deps.logger,
    });
    const [before] = await listTwitchCredentials(studio.database.db, studio.deps.twitch.cipher, streamer.id);
    twitch.tokens.expire(before!.token.accessToken);
    const api = new ApiClient({ authProvider: auth.provider, logger: { minLevel: 'critical' } });
    expect((await api.users.getUserById(streamer.id))?.name).toBe('streamer');
    await auth.settled();
    const [after] = await listTwitchCredentials(studio.database.db, studio.deps.twitch.cipher, streamer.id);
    expect(after!.token.accessToken).not.toBe(before!.token.accessToken);
    expect(after!.token.refreshToken).not.toBe(before!.token.refreshToken);
    expect(twitch.tokens.valid(after!.token.accessToken)?.userId).toBe(streamer.id);
    const row = JSON.stringify(await rawRow(streamer.id));
    expect(row).not.toContain(after!.token.accessToken);
    expect(row).not.toContain(after!.token.refreshToken!);
    expect(lines.filter((l) => l.includes(after!.token.refreshToken!))).toEqual([]);
  });

  it('marks the connection broken with a reason when Twitch refuses the refresh token, and stops using it', async () => {
    await connectChannel(streamer);
    const auth = await createTwitchAuth({
      db: studio.database.db,
      cipher: studio.deps.twitch.cipher,
      clientId: CLIENT,
      clientSecret: SECRET,
      logger: studio.deps.logger,
    });
    const [stored] = await listTwitchCredentials(studio.database.db, studio.deps.twitch.cipher, streamer.id);
    twitch.tokens.expire(stored!.token.accessToken);
    twitch.tokens.revokeRefreshToken(stored!.token.refreshToken!);
    const api = new ApiClient({ authProvider: auth.provider, logger: { minLevel: 'critical' } });
    await expect(api.users.getUserById(streamer.id)).rejects.toThrow();
    await auth.settled();
    const status = await connection(streamer.id);
    expect(status).toMatchObject({ status: 'broken', login: 'streamer' });
    expect(status.reason).toMatch(/could not be refreshed \(Twitch answered 400: Invalid refresh token\)/);
    expect(JSON.stringify(status)).not.toContain(stored!.token.refreshToken!);
    // Removed from the provider and from what a new provider loads: nothing retries it.
    const refreshGrants = () =>
      twitch.requests.filter((r) => r.path === '/auth/token' && r.query.get('grant_type') === 'refresh_token')
        .length;
    const refreshes = refreshGrants();
    expect(auth.provider.hasUser(streamer.id)).toBe(false);
    await api.asUser(streamer.id, (ctx) => ctx.users.getUserById(streamer.id)).catch(() => undefined);
    expect(refreshGrants()).toBe(refreshes);
    expect(await listTwitchCredentials(studio.database.db, studio.deps.twitch.cipher, streamer.id)).toEqual(
      [],
    );
    expect(lines.filter((l) => l.includes(SECRET) || l.includes(stored!.token.refreshToken!))).toEqual([]);
    // Connecting again mends it.
    await connectChannel(streamer);
    await eventually(async () => expect((await connection(streamer.id)).status).toBe('connected'));
  });
});

describe('the /auth/twitch pages under hostile input', () => {
  it('answer a calm HTML page or a redirect, never a 5xx, never an echo of what was sent as markup', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('access_denied', '<script>alert(1)</script>', '%', ''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('login', 'callback'),
        fc.dictionary(fc.constantFrom('state', 'code', 'error', 'scope'), value),
        async (page, query) => {
          const response = await studio.app.request(`/auth/twitch/${page}?${new URLSearchParams(query)}`);
          expect([400]).toContain(response.status);
          expect(response.headers.get('content-type')).toContain('text/html');
          expect(await response.text()).not.toContain('<script');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('without a Twitch application', () => {
  it('answers 409 TWITCH_NOT_CONFIGURED naming the variables', async () => {
    const bare = await createTestStudio({ worker: false });
    try {
      const response = await bare.call('/api/v1/twitch/connect', {
        method: 'POST',
        token: bare.token('1001'),
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TWITCH_NOT_CONFIGURED');
      expect(body.error.message).toContain('TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET');
      expect((await bare.app.request('/auth/twitch/login?state=x')).status).toBe(409);
    } finally {
      await bare.close();
    }
  });
});
