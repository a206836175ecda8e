import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeAsset } from '../server/testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../server/testing/test-studio.js';
import { markRewardActive, saveTwitchConnection } from '../server/twitch/index.js';
import { createStudioApi } from './studio-api.js';
import { StudioApiError } from './studio-api-error.js';
import type { StudioStreamEvent } from './studio-stream-event.js';

/**
 * The named calls the faces use, each against the real app in-process: if a call's method, path,
 * body or headers drift from the route, the server says so here.
 */
describe('createStudioApi against an in-process server', () => {
  let studio: TestStudio;
  const base = 'http://studio.test';
  const apiFor = (channelId: string, role: 'broadcaster' | 'viewer' = 'broadcaster') =>
    createStudioApi({
      baseUrl: base,
      getToken: () => studio.token(channelId, role),
      fetch: (input, init) => studio.app.fetch(new Request(input, init)),
    });

  beforeAll(async () => {
    studio = await createTestStudio();
  });
  afterAll(() => studio.close());

  it('says who the caller is and what they may do', async () => {
    const me = await apiFor('api-me', 'viewer').me();
    expect(me.role).toBe('viewer');
    expect(me.permissions['asset.read_public']).toBe(true);
    expect(me.permissions['job.create']).toBe(false);
  });

  it('generates once per idempotency key, follows the job, and curates its asset', async () => {
    const api = apiFor('api-flow');
    const first = await api.generate({ assetType: 'emote', prompt: 'a cat in sunglasses' }, 'key-1');
    const again = await api.generate({ assetType: 'emote', prompt: 'a cat in sunglasses' }, 'key-1');
    expect(again.id).toBe(first.id);
    await studio.settle('api-flow', first.id);
    expect((await api.job(first.id)).status).toBe('completed');
    expect((await api.jobs({ status: 'completed' })).items.map((job) => job.id)).toEqual([first.id]);

    const [asset] = (await api.jobAssets(first.id)).items;
    expect(asset!.visibility).toBe('private');
    const published = await api.setVisibility(asset!.id, 'public');
    expect(published.visibility).toBe('public');
    expect((await api.assets({ visibility: 'public', assetType: undefined })).items.map((a) => a.id)).toEqual(
      [asset!.id],
    );

    const image = await studio.app.request(api.publicFileUrl(asset!.id, '56x56').replace(base, ''));
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(56);
    const link = await api.downloadLink(asset!.id);
    expect(link.url).toMatch(/\/download\//);

    expect(await api.deleteAsset(asset!.id)).toBeUndefined();
    await expect(api.asset(asset!.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('cancels a queued job', async () => {
    const api = apiFor('api-cancel');
    await studio.worker.stop(2000);
    try {
      const job = await api.generate({ assetType: 'panel', prompt: 'about me' });
      expect((await api.cancelJob(job.id)).status).toBe('cancelled');
    } finally {
      await studio.worker.start();
    }
  });

  it('edits brand kits, uploads a logo as raw bytes, and changes the channel’s settings', async () => {
    const api = apiFor('api-kits');
    const kit = await api.createBrandKit({
      name: 'Cozy',
      colors: { primary: '#ff7ab6', secondary: '#2b1b3d', accent: '#ffd166' },
    });
    expect(kit.active).toBe(true);
    expect((await api.updateBrandKit(kit.id, { tone: 'calm' })).tone).toBe('calm');
    const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ff0000' } })
      .png()
      .toBuffer();
    const withLogo = await api.uploadLogo(kit.id, new Blob([new Uint8Array(png)], { type: 'image/png' }));
    expect(withLogo.logo).toMatchObject({ contentType: 'image/png', bytes: png.length });
    expect((await api.brandKits()).items.map((k) => k.id)).toEqual([kit.id]);
    expect(await api.deleteBrandKit(kit.id)).toBeUndefined();

    expect((await api.updateChannel({ allowModeratorGenerate: true })).allowModeratorGenerate).toBe(true);
    expect((await api.channel()).allowModeratorGenerate).toBe(true);
  });

  it('changes the chat settings and adds and removes channel-point rewards', async () => {
    const api = apiFor('api-chat');
    const settings = await api.updateChatSettings({ prefix: '!art', aliases: ['!draw'], who: 'everyone' });
    expect(settings).toMatchObject({ prefix: '!art', aliases: ['!draw'], who: 'everyone' });
    expect(await api.chatSettings()).toEqual(settings);

    await expect(api.createReward({ title: 'Emote', cost: 100, assetType: 'emote' })).rejects.toMatchObject({
      status: 409,
      code: 'TWITCH_NOT_CONNECTED',
    });
    await saveTwitchConnection(studio.database.db, studio.deps.twitch.cipher, {
      channelId: 'api-chat',
      twitchUserId: 'tw-api-chat',
      login: 'apichat',
      token: { accessToken: 'a', refreshToken: 'r', scope: [], expiresIn: null, obtainmentTimestamp: 0 },
    });
    const pending = await api.createReward({ title: 'Emote', cost: 100, assetType: 'emote' });
    const live = await api.createReward({ title: 'Badge', cost: 300, assetType: 'sub_badge' });
    expect(pending).toMatchObject({ title: 'Emote', status: 'pending', failureReason: null });
    expect((await api.rewards()).items.map((reward) => reward.id)).toEqual([live.id, pending.id]);

    await markRewardActive(studio.database.db, live.id, 'tw-reward');
    expect(await api.deleteReward(pending.id)).toBeUndefined();
    expect(await api.deleteReward(live.id)).toMatchObject({ id: live.id, status: 'deleting' });
  });

  it('reads a channel’s public gallery and public assets, a page at a time, never a private one', async () => {
    const channel = 'api-public';
    const hidden = await makeAsset(studio, channel, { visibility: 'private' });
    const older = await makeAsset(studio, channel, { visibility: 'public' });
    const newer = await makeAsset(studio, channel, { visibility: 'public', assetType: 'sub_badge' });
    const api = apiFor('someone-else', 'viewer');

    const first = await api.publicGallery(channel, { limit: 1 });
    expect(first.items.map((a) => a.id)).toEqual([newer.id]);
    expect(first.items[0]).toEqual(newer);
    const second = await api.publicGallery(channel, { limit: 1, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [older], nextCursor: null });
    const emotes = await api.publicGallery(channel, { assetType: 'emote', cursor: undefined });
    expect(emotes.items.map((a) => a.id)).toEqual([older.id]);

    expect(await api.publicAsset(older.id)).toEqual(older);
    await expect(api.publicAsset(hidden.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await expect(api.publicGallery('not a channel!')).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
    });
  });

  it('sends the public reads with no Authorization and no credentials, without asking for a token', async () => {
    const asset = await makeAsset(studio, 'api-public-anon', { visibility: 'public' });
    const sent: Request[] = [];
    const getToken = vi.fn(() => studio.token('api-public-anon', 'viewer'));
    const api = createStudioApi({
      baseUrl: base,
      getToken,
      fetch: (input, init) => {
        const request = new Request(input, init);
        sent.push(request.clone());
        return studio.app.fetch(request);
      },
    });

    await api.publicGallery('api-public-anon', { assetType: 'emote', limit: 5 });
    await api.publicAsset(asset.id);
    expect(sent.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /public/v1/channels/api-public-anon/assets',
      `GET /public/v1/assets/${asset.id}`,
    ]);
    for (const request of sent) {
      expect([...request.headers.keys()]).toEqual([]);
      expect(request.credentials).toBe('omit');
    }
    expect(getToken).not.toHaveBeenCalled();

    // The same API still signs its private calls.
    await api.me();
    expect(sent.at(-1)!.headers.get('authorization')).toMatch(/^Bearer ./);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('throws the API’s refusal as a StudioApiError with its code', async () => {
    const error = await apiFor('api-refused', 'viewer')
      .generate({ assetType: 'emote', prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioApiError);
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('follows the channel’s events on the stream it opens', async () => {
    const api = apiFor('api-events');
    const seen: StudioStreamEvent[] = [];
    const stream = api.events({ onEvent: (event) => seen.push(event) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const job = await api.generate({ assetType: 'emote', prompt: 'a wave' });
      await studio.settle('api-events', job.id);
      for (let i = 0; i < 100 && !seen.some((e) => e.type === 'job.completed'); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen.map((e) => e.type)).toContain('job.queued');
      expect(seen.map((e) => e.type)).toContain('job.completed');
    } finally {
      stream.close();
    }
  });
});
