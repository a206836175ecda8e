import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackAdvancer } from '../server/pack-advancer/index.js';
import { eventually } from '../server/testing/eventually.js';
import { createTestStudio, type TestStudio } from '../server/testing/test-studio.js';
import { createStudioApi, type Pack } from './studio-api.js';

/** The brand pack calls the dashboard uses, against the real app in-process. */
describe('createStudioApi: brand packs', () => {
  let studio: TestStudio;
  let advancer: PackAdvancer;
  const base = 'http://studio.test';
  const api = () =>
    createStudioApi({
      baseUrl: base,
      getToken: () => studio.token('api-packs'),
      fetch: (input, init) => studio.app.fetch(new Request(input, init)),
    });

  beforeAll(async () => {
    studio = await createTestStudio();
    advancer = new PackAdvancer({
      services: studio.deps,
      events: studio.deps.events,
      logger: studio.deps.logger,
    });
    await advancer.start();
  });
  afterAll(async () => {
    await advancer.stop();
    await studio.close();
  });

  it('creates a pack, follows it to the end, lists it, downloads it and cannot cancel it once ended', async () => {
    const created = await api().createPack({ include: ['profile_picture', 'emotes'], subjects: ['a frog'] });
    expect(created.pieces.map((piece) => [piece.key, piece.title])).toEqual([
      ['profile_picture', 'Profile picture'],
      ['emote_a_frog', 'Emote: a frog'],
    ]);
    const done: Pack = await eventually(async () => {
      const pack = await api().pack(created.id);
      expect(pack.status).toBe('completed');
      return pack;
    });
    expect(done.pieces.every((piece) => piece.assetId)).toBe(true);
    expect((await api().packs()).items.map((pack) => pack.id)).toEqual([created.id]);

    const { url } = await api().packDownloadLink(created.id);
    const zip = await studio.app.request(url.replace(/^https?:\/\/[^/]+/, ''));
    expect(Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer()))).sort()).toEqual([
      'emote_a_frog_112x112.png',
      'emote_a_frog_28x28.png',
      'emote_a_frog_56x56.png',
      'profile_picture_256x256.png',
    ]);
    await expect(api().cancelPack(created.id)).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_TRANSITION',
    });
    await expect(api().createPack({ subjects: [''] })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
    });
  }, 60_000);
});
