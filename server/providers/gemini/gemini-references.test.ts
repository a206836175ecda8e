import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_IMAGE_TYPES, prepareReferenceImage } from '../../images/index.js';
import { createLogger } from '../../logging/logger.js';
import { likenessInstruction } from '../../prompts/prompt-layout.js';
import { FakeGeminiServer } from '../../testing/fake-gemini-server.js';
import { createTestStudio, type TestStudio } from '../../testing/test-studio.js';
import { GeminiImageProvider } from './gemini-image-provider.js';

const KEY = 'references-test-key';
const KIT = { name: 'Cat Cafe', colors: { primary: '#112233', secondary: '#445566', accent: '#778899' } };

let fake: FakeGeminiServer;
let studio: TestStudio;
const lines: string[] = [];
let channel = 8100;

beforeAll(async () => {
  fake = await FakeGeminiServer.start({ apiKey: KEY });
  const provider = new GeminiImageProvider({
    apiKey: KEY,
    model: 'gemini-2.5-flash-image',
    baseUrl: fake.url,
    timeoutMs: 60_000,
  });
  // The worker runs only inside a test, once that test has set up what the job will find.
  studio = await createTestStudio({
    provider,
    worker: false,
    logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
  });
});
afterAll(async () => {
  await studio.close();
  await fake.close();
});
afterEach(async () => {
  await studio.worker.stop(2000);
  fake.reset();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** What the model is sent for an uploaded photo: the upload as the server keeps it (upright, fitted, no metadata). */
const keptAs = async (data: Buffer, format: 'jpeg' | 'webp' | 'png') =>
  sha256(await prepareReferenceImage(data, KEPT_IMAGE_TYPES[format]));

const picture = (format: 'png' | 'jpeg' | 'webp', background: string) =>
  sharp({ create: { width: 40, height: 40, channels: 3, background } })
    .toFormat(format)
    .toBuffer();

async function send(path: string, channelId: string, data: Buffer, contentType: string, method = 'POST') {
  const response = await studio.app.request(path, {
    method,
    body: new Uint8Array(data),
    headers: { Authorization: `Bearer ${studio.token(channelId)}`, 'Content-Type': contentType },
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

async function generate(channelId: string, body: object) {
  const response = await studio.call('/api/v1/generate', {
    token: studio.token(channelId),
    body: { assetType: 'emote', prompt: 'my cat as a tiny wizard', ...body },
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

describe('reference images sent to Gemini', () => {
  it('sends the logo, then the kit’s reference, then the request’s, each as an inline part, and names them in the brief', async () => {
    const channelId = String(++channel);
    const token = studio.token(channelId);
    const kit = (
      (await (await studio.call('/api/v1/brand-kits', { token, body: KIT })).json()) as { id: string }
    ).id;
    const logo = await picture('png', '#ff0000');
    const kitPhoto = await picture('jpeg', '#00ff00');
    const ownPhoto = await picture('webp', '#0000ff');
    await send(`/api/v1/brand-kits/${kit}/logo`, channelId, logo, 'image/png', 'PUT');
    await send(
      `/api/v1/reference-images?label=kit%20cat&brandKitId=${kit}`,
      channelId,
      kitPhoto,
      'image/jpeg',
    );
    const own = await send('/api/v1/reference-images?label=own%20cat', channelId, ownPhoto, 'image/webp');
    // A reference of no kit that the request does not name: it must not be sent.
    await send(
      '/api/v1/reference-images?label=unused',
      channelId,
      await picture('png', '#ffffff'),
      'image/png',
    );

    const id = await generate(channelId, { brandKitId: kit, referenceImageIds: [own.id] });
    await studio.worker.start();
    expect(await studio.settle(channelId, id)).toMatchObject({ status: 'completed' });

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.parts).toEqual(['text', 'image/png', 'image/jpeg', 'image/webp']);
    expect(sent.referenceImages.map((image) => image.sha256)).toEqual([
      sha256(logo),
      await keptAs(kitPhoto, 'jpeg'),
      await keptAs(ownPhoto, 'webp'),
    ]);
    expect(sent.prompt).toContain(likenessInstruction(2, 3));
    expect(sent.prompt).toContain('attached images 2–3');
    expect(sent.prompt).toMatch(/Reference image: the attached image is the logo/);
    // Labels are the streamer's words for the config view, never prompt text.
    expect(sent.prompt).not.toContain('kit cat');
    expect(sent.prompt).not.toContain('own cat');
  });

  it('completes a job whose reference image was deleted after it was queued, without that image', async () => {
    const channelId = String(++channel);
    const keep = await picture('jpeg', '#00ff00');
    const drop = await picture('webp', '#0000ff');
    const kept = await send('/api/v1/reference-images?label=kept', channelId, keep, 'image/jpeg');
    const dropped = await send('/api/v1/reference-images?label=dropped', channelId, drop, 'image/webp');
    const id = await generate(channelId, { referenceImageIds: [kept.id, dropped.id] });
    const deleting = await studio.call(`/api/v1/reference-images/${dropped.id}`, {
      method: 'DELETE',
      token: studio.token(channelId),
    });
    expect(deleting.status).toBe(204);

    lines.length = 0;
    await studio.worker.start();
    const job = await studio.settle(channelId, id);
    expect(job).toMatchObject({ status: 'completed', referenceImageIds: [kept.id, dropped.id] });
    const sent = fake.requests[0]!;
    expect(sent.parts).toEqual(['text', 'image/jpeg']);
    expect(sent.referenceImages.map((image) => image.sha256)).toEqual([await keptAs(keep, 'jpeg')]);
    expect(sent.prompt).toContain(likenessInstruction(1, 1));
    const warned = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warned).toContainEqual(
      expect.objectContaining({
        jobId: id,
        referenceImageIds: [dropped.id],
        msg: expect.stringMatching(/gone/),
      }),
    );
  });
  it('sends a refinement its source first, then the reference images the refine request names', async () => {
    const channelId = String(++channel);
    const token = studio.token(channelId);
    const id = await generate(channelId, {});
    await studio.worker.start();
    expect(await studio.settle(channelId, id)).toMatchObject({ status: 'completed' });
    const drawn = fake.requests[0]!.imageSha256!;
    const made = (await (await studio.call(`/api/v1/jobs/${id}/assets`, { token })).json()) as {
      items: { id: string }[];
    };
    const parent = made.items[0]!.id;
    const cat = await picture('jpeg', '#00ff00');
    const photo = await send('/api/v1/reference-images?label=cat', channelId, cat, 'image/jpeg');

    const refused = await studio.call(`/api/v1/assets/${parent}/refine`, {
      token,
      body: { instruction: 'add my cat', referenceImageIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('referenceImageIds');

    const response = await studio.call(`/api/v1/assets/${parent}/refine`, {
      token,
      body: { instruction: 'add my cat', referenceImageIds: [photo.id] },
    });
    expect(response.status, await response.clone().text()).toBe(202);
    const refinement = (await response.json()) as { id: string; referenceImageIds?: string[] };
    expect(refinement.referenceImageIds).toEqual([photo.id]);
    expect(await studio.settle(channelId, refinement.id)).toMatchObject({ status: 'completed' });
    const sent = fake.requests[1]!;
    expect(sent.parts).toEqual(['text', 'image/png', 'image/jpeg']);
    expect(sent.referenceImages.map((image) => image.sha256)).toEqual([drawn, await keptAs(cat, 'jpeg')]);
    expect(sent.prompt).toMatch(/^Edit the attached image/);
    expect(sent.prompt).toContain(likenessInstruction(2, 2));
  });
});
