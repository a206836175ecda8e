import { ApiClient } from '@twurple/api';
import { type AccessToken, exchangeCode, RefreshingAuthProvider } from '@twurple/auth';
import type {
  EventSubChannelChatMessageEvent,
  EventSubChannelRedemptionAddEvent,
} from '@twurple/eventsub-base';
import { EventSubWsListener } from '@twurple/eventsub-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../eventually.js';
import { TwitchStandIn } from './twitch-stand-in.js';
import type { TwitchUser } from './twitch-wire.js';

const CLIENT = 'studio-client';
const SECRET = 'studio-secret';
const OTHER_CLIENT = 'someone-else';
const CHAT_SCOPES = ['user:read:chat', 'user:write:chat'];
const REWARD_SCOPES = ['channel:read:redemptions', 'channel:manage:redemptions'];
const streamer: TwitchUser = { id: '1001', login: 'streamer', displayName: 'Streamer' };
const bot: TwitchUser = { id: '2002', login: 'studiobot', displayName: 'StudioBot' };
const viewer: TwitchUser = { id: '3003', login: 'viewer', displayName: 'Viewer' };

let twitch: TwitchStandIn;
const previousPort = process.env.TWURPLE_MOCK_API_PORT;
const listeners: EventSubWsListener[] = [];

beforeAll(async () => {
  twitch = await TwitchStandIn.start();
  twitch.addClient(CLIENT, SECRET).addClient(OTHER_CLIENT, 'other-secret');
  for (const user of [streamer, bot, viewer]) twitch.addUser(user);
  // twurple reads it per call for Helix and in the constructor for EventSubWsListener.
  process.env.TWURPLE_MOCK_API_PORT = String(twitch.port);
});

afterEach(() => {
  for (const listener of listeners.splice(0)) listener.stop();
});

afterAll(async () => {
  if (previousPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
  else process.env.TWURPLE_MOCK_API_PORT = previousPort;
  await twitch.close();
});

/** A twurple auth provider and API client holding a fresh stand-in token for `user`. */
function connect(user: TwitchUser, scopes: string[], clientId = CLIENT, clientSecret = SECRET) {
  const issued = twitch.issueToken(clientId, user, scopes);
  const auth = new RefreshingAuthProvider({ clientId, clientSecret });
  const token: AccessToken = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresIn: 14_400,
    obtainmentTimestamp: Date.now(),
    scope: scopes,
  };
  auth.addUser(user.id, token);
  return { auth, api: new ApiClient({ authProvider: auth, logger: { minLevel: 'critical' } }), issued };
}

/** A started listener whose subscriptions twurple has confirmed (it drops events for unconfirmed ones). */
async function listen(api: ApiClient, subscribe: (listener: EventSubWsListener) => void, count = 1) {
  const listener = new EventSubWsListener({ apiClient: api, logger: { minLevel: 'critical' } });
  listeners.push(listener);
  let created = 0;
  listener.onSubscriptionCreateSuccess(() => {
    created += 1;
  });
  subscribe(listener);
  listener.start();
  await eventually(() => expect(created).toBe(count), { timeoutMs: 5_000 });
  return { listener, created: () => created };
}

describe('TwitchStandIn OAuth, through @twurple/auth', () => {
  it('exchanges a registered code once for a token with its scopes, all parameters in the query', async () => {
    twitch.addCode('code-1', CLIENT, streamer, CHAT_SCOPES);
    const token = await exchangeCode(CLIENT, SECRET, 'code-1', 'http://localhost/cb');
    expect(token.scope).toEqual(CHAT_SCOPES);
    expect(twitch.tokens.valid(token.accessToken)?.userId).toBe(streamer.id);
    const call = twitch.requests.at(-1)!;
    expect([call.method, call.path, call.body]).toEqual(['POST', '/auth/token', undefined]);
    expect(call.query.get('grant_type')).toBe('authorization_code');
    const again = await exchangeCode(CLIENT, SECRET, 'code-1', 'http://localhost/cb').catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ statusCode: 400 });
  });

  it('refuses a wrong client secret with 403', async () => {
    twitch.addCode('code-2', CLIENT, streamer, CHAT_SCOPES);
    const refused = await exchangeCode(CLIENT, 'wrong', 'code-2', 'http://localhost/cb').catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ statusCode: 403 });
  });

  it('an expired token makes Helix answer 401; twurple refreshes once, retries, and onRefresh sees the new token', async () => {
    const { auth, api, issued } = connect(streamer, CHAT_SCOPES);
    const refreshed: AccessToken[] = [];
    auth.onRefresh((_, token) => refreshed.push(token));
    twitch.tokens.expire(issued.accessToken);
    const from = twitch.requests.length;
    expect((await api.users.getUserById(streamer.id))?.displayName).toBe('Streamer');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.accessToken).not.toBe(issued.accessToken);
    expect(refreshed[0]!.refreshToken).not.toBe(issued.refreshToken);
    expect(twitch.tokens.valid(refreshed[0]!.accessToken)?.userId).toBe(streamer.id);
    expect(twitch.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /mock/users 401',
      'POST /auth/token 200',
      'GET /mock/users 200',
    ]);
  });

  it('a revoked refresh token answers 400 "Invalid refresh token" and fires onRefreshFailure', async () => {
    const { auth, api, issued } = connect(streamer, CHAT_SCOPES);
    const failures: string[] = [];
    auth.onRefreshFailure((userId) => failures.push(userId));
    twitch.tokens.expire(issued.accessToken);
    twitch.tokens.revokeRefreshToken(issued.refreshToken);
    await expect(api.users.getUserById(streamer.id)).rejects.toThrow();
    expect(failures).toEqual([streamer.id]);
    const refresh = twitch.requests.findLast((r) => r.path === '/auth/token')!;
    expect(refresh.status).toBe(400);
  });

  it('a spent refresh token is refused: refresh tokens rotate', async () => {
    const { auth, issued } = connect(streamer, CHAT_SCOPES);
    await auth.refreshAccessTokenForUser(streamer.id);
    const reused = await fetch(
      `http://127.0.0.1:${twitch.port}/auth/token?grant_type=refresh_token&refresh_token=${issued.refreshToken}&client_id=${CLIENT}&client_secret=${SECRET}`,
      { method: 'POST' },
    );
    expect([reused.status, await reused.json()]).toEqual([
      400,
      { status: 400, message: 'Invalid refresh token' },
    ]);
  });
});

describe('TwitchStandIn Helix, through @twurple/api', () => {
  it('sends chat as the bot: broadcaster and sender in the query, text and reply parent in the body', async () => {
    const { api } = connect(bot, CHAT_SCOPES);
    const sent = await api.asUser(bot.id, (ctx) =>
      ctx.chat.sendChatMessage(streamer.id, 'queued: #3', { replyParentMessageId: 'parent-1' }),
    );
    expect(sent.isSent).toBe(true);
    expect(twitch.chatMessages.at(-1)).toMatchObject({
      broadcasterId: streamer.id,
      senderId: bot.id,
      message: 'queued: #3',
      replyParentMessageId: 'parent-1',
      messageId: sent.id,
    });
  });

  it('refuses to send chat without user:write:chat', async () => {
    const { api } = connect(bot, ['user:read:chat']);
    const sent = api.asUser(bot.id, (ctx) => ctx.chat.sendChatMessage(streamer.id, 'hi'));
    // twurple checks the scope it knows the token has before calling.
    await expect(sent).rejects.toThrow(/user:write:chat/);
  });

  it('creates a reward, and fulfils a viewer’s redemption of it', async () => {
    const { api } = connect(streamer, REWARD_SCOPES);
    const reward = await api.channelPoints.createCustomReward(streamer.id, {
      title: 'Generate an emote',
      cost: 500,
      prompt: 'Describe the emote',
      userInputRequired: true,
    });
    expect(twitch.helix.rewards.get(reward.id)).toMatchObject({ clientId: CLIENT, cost: 500 });
    const { redemption } = twitch.redeem(reward.id, viewer, 'a cat in sunglasses');
    const [done] = await api.channelPoints.updateRedemptionStatusByIds(
      streamer.id,
      reward.id,
      [redemption.id],
      'FULFILLED',
    );
    expect([done?.userInput, done?.isFulfilled]).toEqual(['a cat in sunglasses', true]);
    expect(twitch.helix.redemptions.get(redemption.id)?.status).toBe('FULFILLED');
  });

  it('another client’s reward answers 403, surfaced as twurple’s HttpStatusCodeError', async () => {
    const theirs = connect(streamer, REWARD_SCOPES, OTHER_CLIENT, 'other-secret');
    const reward = await theirs.api.channelPoints.createCustomReward(streamer.id, {
      title: 'Hydrate',
      cost: 100,
    });
    const { redemption } = twitch.redeem(reward.id, viewer, '');
    const { api } = connect(streamer, REWARD_SCOPES);
    const edit = await api.channelPoints
      .updateCustomReward(streamer.id, reward.id, { cost: 1 })
      .catch((e: unknown) => e);
    // HttpStatusCodeError lives in @twurple/api-call, which @twurple/api does not re-export.
    expect(edit).toMatchObject({ name: 'HttpStatusCodeError', statusCode: 403 });
    const cancel = await api.channelPoints
      .updateRedemptionStatusByIds(streamer.id, reward.id, [redemption.id], 'CANCELED')
      .catch((e: unknown) => e);
    expect(cancel).toMatchObject({ name: 'HttpStatusCodeError', statusCode: 403 });
    expect(twitch.helix.redemptions.get(redemption.id)?.status).toBe('UNFULFILLED');
  });

  it('a scripted 503 is retried by twurple itself and the call succeeds', async () => {
    const { api } = connect(streamer, CHAT_SCOPES);
    await api.asUser(streamer.id, (ctx) => ctx.users.getUserById(streamer.id));
    twitch.script({ kind: 'status', status: 503 });
    const from = twitch.requests.length;
    const found = await api.asUser(streamer.id, (ctx) => ctx.users.getUserByName('viewer'));
    expect(found?.id).toBe(viewer.id);
    expect(twitch.requests.slice(from).map((r) => `${r.path} ${r.status}`)).toEqual([
      '/mock/users 503',
      '/mock/users 200',
    ]);
  });

  it('a call without a user context gets an app token by client_credentials', async () => {
    const { api } = connect(streamer, CHAT_SCOPES);
    const from = twitch.requests.length;
    expect((await api.users.getUserByName('viewer'))?.id).toBe(viewer.id);
    const grant = twitch.requests.slice(from).find((r) => r.path === '/auth/token');
    expect(grant?.query.get('grant_type')).toBe('client_credentials');
  });
});

describe('TwitchStandIn EventSub, through EventSubWsListener', () => {
  const chatListener = async (got: EventSubChannelChatMessageEvent[]) => {
    const { api } = connect(bot, CHAT_SCOPES);
    return listen(api, (l) => l.onChannelChatMessage(streamer.id, bot.id, (e) => void got.push(e)));
  };

  it('delivers a chat message with text, chatter and badges', async () => {
    const got: EventSubChannelChatMessageEvent[] = [];
    await chatListener(got);
    const sub = twitch.subscriptions.at(-1)!;
    expect([sub.type, sub.condition]).toEqual([
      'channel.chat.message',
      { broadcaster_user_id: streamer.id, user_id: bot.id },
    ]);
    twitch.chat({
      broadcaster: streamer,
      chatter: viewer,
      text: '!gen emote a cat',
      badges: [{ set_id: 'moderator', id: '1', info: '' }],
    });
    await eventually(() => expect(got).toHaveLength(1));
    expect(got[0]!.messageText).toBe('!gen emote a cat');
    expect(got[0]!.chatterId).toBe(viewer.id);
    expect(got[0]!.badges).toEqual({ moderator: '1' });
    expect([got[0]!.hasBadge('moderator'), got[0]!.hasBadge('vip')]).toEqual([true, false]);
  });

  it('twurple delivers a resent notification (same message_id) once; a new message_id with the same chat message twice', async () => {
    const got: EventSubChannelChatMessageEvent[] = [];
    await chatListener(got);
    const { event, sent } = twitch.chat({ broadcaster: streamer, chatter: viewer, text: 'once' });
    twitch.resend(sent[0]!.messageId);
    twitch.notify('channel.chat.message', event);
    twitch.chat({ broadcaster: streamer, chatter: viewer, text: 'marker' });
    await eventually(() => expect(got.map((e) => e.messageText)).toEqual(['once', 'once', 'marker']));
    expect(got[0]!.messageId).toBe(got[1]!.messageId);
    expect(twitch.eventSub.written.filter((w) => w.messageId === sent[0]!.messageId)).toHaveLength(2);
  });

  it('after session_reconnect the session and its subscriptions are kept and the next message arrives', async () => {
    const got: EventSubChannelChatMessageEvent[] = [];
    await chatListener(got);
    const [session] = twitch.eventSub.openSessions;
    const posts = twitch.requests.filter((r) => r.path === '/eventsub/subscriptions').length;
    const welcomes = twitch.eventSub.welcomes;
    twitch.reconnect();
    await eventually(() => expect(twitch.eventSub.welcomes).toBe(welcomes + 1));
    twitch.chat({ broadcaster: streamer, chatter: viewer, text: 'after reconnect' });
    await eventually(() => expect(got.map((e) => e.messageText)).toEqual(['after reconnect']));
    expect(twitch.eventSub.openSessions).toEqual([session]);
    expect(twitch.requests.filter((r) => r.path === '/eventsub/subscriptions')).toHaveLength(posts);
  });

  it('after a dropped socket twurple resubscribes on a new session and a later message arrives', async () => {
    const got: EventSubChannelChatMessageEvent[] = [];
    const { created } = await chatListener(got);
    const [before] = twitch.eventSub.openSessions;
    const dropped = twitch.subscriptions.at(-1)!;
    twitch.drop();
    await eventually(() => expect(created()).toBe(2), { timeoutMs: 5_000 });
    expect(dropped.status).toBe('websocket_disconnected');
    const [after] = twitch.eventSub.openSessions;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    twitch.chat({ broadcaster: streamer, chatter: viewer, text: 'after drop' });
    await eventually(() => expect(got.map((e) => e.messageText)).toEqual(['after drop']));
  });

  it('a redemption reaches onChannelRedemptionAddForReward with the viewer’s text', async () => {
    const { api } = connect(streamer, REWARD_SCOPES);
    const reward = await api.channelPoints.createCustomReward(streamer.id, { title: 'Emote', cost: 10 });
    const got: EventSubChannelRedemptionAddEvent[] = [];
    await listen(api, (l) =>
      l.onChannelRedemptionAddForReward(streamer.id, reward.id, (e) => void got.push(e)),
    );
    const { redemption } = twitch.redeem(reward.id, viewer, 'a dragon');
    await eventually(() => expect(got).toHaveLength(1));
    expect([got[0]!.id, got[0]!.rewardId, got[0]!.userId, got[0]!.input]).toEqual([
      redemption.id,
      reward.id,
      viewer.id,
      'a dragon',
    ]);
  });

  it('a revocation reaches onRevoke and the subscription stops receiving', async () => {
    const got: EventSubChannelChatMessageEvent[] = [];
    const { listener } = await chatListener(got);
    const revoked: string[] = [];
    listener.onRevoke((_, status) => revoked.push(status));
    twitch.revoke(twitch.subscriptions.at(-1)!.id);
    await eventually(() => expect(revoked).toEqual(['authorization_revoked']));
    expect(twitch.chat({ broadcaster: streamer, chatter: viewer, text: 'nobody' }).sent).toEqual([]);
  });

  it('refuses a subscription for a session that does not exist', async () => {
    const { api } = connect(bot, CHAT_SCOPES);
    // Without asUser twurple would pick the broadcaster's token; the listener does the same asUser.
    const refused = api.asUser(bot.id, (ctx) =>
      ctx.eventSub.subscribeToChannelChatMessageEvents(streamer.id, {
        method: 'websocket',
        session_id: 'gone',
      }),
    );
    await expect(refused).rejects.toMatchObject({ statusCode: 400 });
  });
});
