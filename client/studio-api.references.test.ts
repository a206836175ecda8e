import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { KEPT_IMAGE_TYPES, prepareReferenceImage } from '../server/images/index.js';
import { createTestStudio, type TestStudio } from '../server/testing/test-studio.js';
import { createStudioApi, type ReferenceImage } from './studio-api.js';

/** The reference image calls against the real app in-process, as the config view makes them. */
describe('createStudioApi: reference images', () => {
  let studio: TestStudio;
  const base = 'http://studio.test';
  const apiFor = (channelId: string, role: 'broadcaster' | 'moderator' = 'broadcaster') =>
    createStudioApi({
      baseUrl: base,
      getToken: () => studio.token(channelId, role),
      fetch: (input, init) => studio.app.fetch(new Request(input, init)),
    });

  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const photo = async (format: 'png' | 'jpeg') =>
    sharp({ create: { width: 16, height: 16, channels: 3, background: '#9146ff' } })
      .toFormat(format)
      .toBuffer();

  it('uploads, lists (all or one kit’s), generates with one and deletes', async () => {
    const api = apiFor('api-refs');
    const kit = await api.createBrandKit({
      name: 'Cats',
      colors: { primary: '#112233', secondary: '#445566', accent: '#778899' },
    });
    const jpeg = await photo('jpeg');
    const kitted = await api.uploadReferenceImage(new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), {
      label: 'Mochi',
      brandKitId: kit.id,
    });
    expectTypeOf(kitted).toEqualTypeOf<ReferenceImage>();
    expect(kitted).toMatchObject({
      label: 'Mochi',
      brandKitId: kit.id,
      contentType: 'image/jpeg',
      bytes: (await prepareReferenceImage(jpeg, KEPT_IMAGE_TYPES.jpeg)).length,
    });
    const loose = await api.uploadReferenceImage(
      new Blob([new Uint8Array(await photo('png'))], { type: 'image/png' }),
      {
        label: 'Pixel the mascot',
      },
    );
    expect(loose.brandKitId).toBeNull();

    expect((await api.referenceImages()).items.map((image) => image.id)).toEqual([kitted.id, loose.id]);
    expect((await api.referenceImages({ brandKitId: kit.id })).items.map((image) => image.id)).toEqual([
      kitted.id,
    ]);

    const job = await api.generate({
      assetType: 'emote',
      prompt: 'a wizard cat',
      referenceImageIds: [loose.id],
    });
    expect(job.referenceImageIds).toEqual([loose.id]);

    expect(await api.deleteReferenceImage(loose.id)).toBeUndefined();
    expect((await api.referenceImages()).items.map((image) => image.id)).toEqual([kitted.id]);
    await expect(api.deleteReferenceImage(loose.id)).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('throws the API’s error for a file that is not an image, and for a moderator', async () => {
    const text = new Blob(['not a picture'], { type: 'text/plain' });
    await expect(apiFor('api-refs-bad').uploadReferenceImage(text, { label: 'x' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
    });
    await expect(apiFor('api-refs-bad', 'moderator').referenceImages()).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
  });
});
