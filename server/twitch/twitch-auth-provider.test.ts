import { randomBytes } from 'node:crypto';
import { ApiClient } from '@twurple/api';
import type { AccessToken } from '@twurple/auth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { createLogger } from '../logging/logger.js';
import { TwitchStandIn, type TwitchUser } from '../testing/twitch/index.js';
import { TokenCipher } from './token-cipher.js';
import { TWITCH_SCOPES } from './twitch-app.js';
import { createTwitchAuth } from './twitch-auth-provider.js';
import { listTwitchCredentials, saveTwitchConnection } from './twitch-connection-store.js';

const CLIENT = 'auth-test-client';
const SECRET = 'auth-test-secret';
const streamer: TwitchUser = { id: '61001', login: 'authstreamer', displayName: 'AuthStreamer' };
const cipher = new TokenCipher(randomBytes(32));

let twitch: TwitchStandIn;
const previousPort = process.env.TWURPLE_MOCK_API_PORT;

beforeAll(async () => {
  twitch = await TwitchStandIn.start();
  twitch.addClient(CLIENT, SECRET);
  twitch.addUser(streamer);
  process.env.TWURPLE_MOCK_API_PORT = String(twitch.port);
});

afterAll(async () => {
  if (previousPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
  else process.env.TWURPLE_MOCK_API_PORT = previousPort;
  await twitch.close();
});

describeEachDatabase('the Twitch auth provider over stored connections', ({ db }) => {
  it('refreshes an expired token once for the calls in flight together, so none spends a used refresh token', async () => {
    const issued = twitch.issueToken(CLIENT, streamer, TWITCH_SCOPES);
    const token: AccessToken = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresIn: 14_400,
      obtainmentTimestamp: Date.now(),
      scope: [...TWITCH_SCOPES],
    };
    await saveTwitchConnection(db(), cipher, {
      channelId: 'auth-channel',
      twitchUserId: streamer.id,
      login: streamer.login,
      token,
    });
    const auth = await createTwitchAuth({
      db: db(),
      cipher,
      clientId: CLIENT,
      clientSecret: SECRET,
      logger: createLogger('silent'),
    });
    const api = new ApiClient({ authProvider: auth.provider, logger: { minLevel: 'critical' } });
    twitch.tokens.expireUser(streamer.id);
    const refreshesBefore = twitch.requests.filter((r) => r.path === '/auth/token').length;

    // Twenty replies at once, each getting a 401 with the expired token.
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.asUser(streamer.id, (ctx) => ctx.chat.sendChatMessage(streamer.id, `reply ${i}`)),
      ),
    );
    await auth.settled();

    expect(sent.every((message) => message.isSent)).toBe(true);
    // One refresh for the calls that met the expired token together; a call whose 401 came after
    // it ended may refresh again, with the new refresh token. None was refused: nothing broke.
    const refreshes = twitch.requests.filter((r) => r.path === '/auth/token').slice(refreshesBefore);
    expect(refreshes.length).toBeLessThan(5);
    expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
    const [stored] = await listTwitchCredentials(db(), cipher, 'auth-channel');
    expect(stored?.token.accessToken).not.toBe(issued.accessToken);
    expect(twitch.tokens.valid(stored!.token.accessToken)?.userId).toBe(streamer.id);
    expect(await listTwitchCredentials(db(), cipher)).toHaveLength(1);
  });
});
