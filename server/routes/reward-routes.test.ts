import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import {
  markRewardActive,
  markRewardFailed,
  markTwitchConnectionBroken,
  saveTwitchConnection,
} from '../twitch/index.js';

describe('channel-point rewards', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  /** Connects the channel's Twitch account as the callback would have. */
  const connect = (channelId: string) =>
    saveTwitchConnection(studio.database.db, studio.deps.twitch.cipher, {
      channelId,
      twitchUserId: `tw-${channelId}`,
      login: `streamer${channelId}`,
      token: {
        accessToken: 'access',
        refreshToken: 'refresh',
        scope: ['channel:manage:redemptions'],
        expiresIn: 14_400,
        obtainmentTimestamp: Date.now(),
      },
    });
  const create = (channelId: string, body: unknown, role: 'broadcaster' | 'moderator' = 'broadcaster') =>
    studio.call('/api/v1/twitch/rewards', { token: studio.token(channelId, role), body });
  const list = async (channelId: string, role: 'broadcaster' | 'moderator' = 'broadcaster') => {
    const response = await studio.call('/api/v1/twitch/rewards', { token: studio.token(channelId, role) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Record<string, unknown>[] }).items;
  };
  const remove = (channelId: string, id: string) =>
    studio.call(`/api/v1/twitch/rewards/${id}`, { token: studio.token(channelId), method: 'DELETE' });
  const made = async (response: Response) => {
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; [key: string]: unknown };
  };

  it('adds a reward as pending and lists the channel’s, newest first, to its moderators too', async () => {
    await connect('9001');
    const first = await made(
      await create('9001', { title: '  Make an emote ', cost: 500, assetType: 'emote' }),
    );
    expect(first).toEqual({
      id: expect.any(String),
      title: 'Make an emote',
      cost: 500,
      assetType: 'emote',
      status: 'pending',
      failureReason: null,
      createdAt: expect.any(String),
      updatedAt: first.createdAt,
    });
    const second = await made(await create('9001', { title: 'A badge', cost: 1, assetType: 'sub_badge' }));
    expect((await list('9001', 'moderator')).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await list('9002')).toEqual([]);
  });

  it('refuses until Twitch is connected, and again once the connection broke', async () => {
    const reward = { title: 'Emote', cost: 100, assetType: 'emote' };
    const refused = await expectApiError(await create('9003', reward), 409, 'TWITCH_NOT_CONNECTED');
    expect(refused.message).toMatch(/connect Twitch first/);
    await connect('9003');
    await made(await create('9003', reward));
    await markTwitchConnectionBroken(studio.database.db, 'tw-9003', 'refresh refused');
    await expectApiError(await create('9003', { ...reward, title: 'Other' }), 409, 'TWITCH_NOT_CONNECTED');
  });

  it('refuses a title the channel already has, in any case, naming the title', async () => {
    await connect('9004');
    await made(await create('9004', { title: 'Draw me', cost: 100, assetType: 'emote' }));
    const error = await expectApiError(
      await create('9004', { title: 'DRAW ME', cost: 200, assetType: 'panel' }),
      400,
      'INVALID_INPUT',
    );
    expect((error.details as { path: string }[])[0]?.path).toBe('title');
  });

  it.each([
    [{ title: '', cost: 1, assetType: 'emote' }, 'title'],
    [{ title: '   ', cost: 1, assetType: 'emote' }, 'title'],
    [{ title: 'x'.repeat(46), cost: 1, assetType: 'emote' }, 'title'],
    [{ title: 'x', cost: 0, assetType: 'emote' }, 'cost'],
    [{ title: 'x', cost: 1_000_001, assetType: 'emote' }, 'cost'],
    [{ title: 'x', cost: 2.5, assetType: 'emote' }, 'cost'],
    [{ title: 'x', cost: '5', assetType: 'emote' }, 'cost'],
    [{ title: 'x', cost: 1, assetType: 'mug' }, 'assetType'],
    [{ title: 'x', cost: 1 }, 'assetType'],
    [{ title: 'x', cost: 1, assetType: 'emote', prompt: 'y' }, ''],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    await connect('9005');
    const error = await expectApiError(await create('9005', body), 400, 'INVALID_INPUT');
    expect((error.details as { path: string }[])[0]?.path).toBe(field);
  });

  it('deletes a reward that never reached Twitch at once, and marks one that did for removal there', async () => {
    await connect('9006');
    const never = await made(await create('9006', { title: 'Never', cost: 5, assetType: 'emote' }));
    const refused = await made(await create('9006', { title: 'Refused', cost: 5, assetType: 'emote' }));
    const live = await made(await create('9006', { title: 'Live', cost: 5, assetType: 'emote' }));
    await markRewardFailed(studio.database.db, refused.id, 'CREATE_CUSTOM_REWARD_DUPLICATE_REWARD');
    await markRewardActive(studio.database.db, live.id, 'twitch-live');

    expect((await remove('9006', never.id)).status).toBe(204);
    expect((await remove('9006', refused.id)).status).toBe(204);
    const deleting = await remove('9006', live.id);
    expect(deleting.status).toBe(202);
    expect(await deleting.json()).toMatchObject({ id: live.id, status: 'deleting', failureReason: null });
    expect((await list('9006')).map((r) => [r.title, r.status])).toEqual([['Live', 'deleting']]);
    // Its title is free again while it leaves Twitch.
    await made(await create('9006', { title: 'live', cost: 5, assetType: 'emote' }));

    const audit = (await (await studio.call('/api/v1/audit', { token: studio.token('9006') })).json()) as {
      items: { action: string; targetId: string }[];
    };
    expect(audit.items.filter((e) => e.action === 'reward.delete').map((e) => e.targetId)).toEqual([
      live.id,
      refused.id,
      never.id,
    ]);
    expect(audit.items.filter((e) => e.action === 'reward.create')).toHaveLength(4);
  });

  it('answers 404 for another channel’s reward, an unknown id and one already gone', async () => {
    await connect('9007');
    const reward = await made(await create('9007', { title: 'Mine', cost: 5, assetType: 'emote' }));
    await expectApiError(await remove('9008', reward.id), 404, 'NOT_FOUND');
    await expectApiError(await remove('9007', '0f8fad5b-d9cb-469f-a165-70867728950e'), 404, 'NOT_FOUND');
    await expectApiError(await remove('9007', 'not-an-id'), 400, 'INVALID_INPUT');
    expect((await remove('9007', reward.id)).status).toBe(204);
    await expectApiError(await remove('9007', reward.id), 404, 'NOT_FOUND');
  });

  it('lets moderators look but not add', async () => {
    await connect('9009');
    await expectApiError(
      await create('9009', { title: 'x', cost: 1, assetType: 'emote' }, 'moderator'),
      403,
      'FORBIDDEN',
    );
  });
});
