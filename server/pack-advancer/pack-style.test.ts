import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_KIT } from '../brand/brand-kit.js';
import { createBrandKit, replaceBrandKitLogo } from '../brand/brand-kit-store.js';
import type { PackView } from '../packs/index.js';
import { GeminiImageProvider } from '../providers/gemini/gemini-image-provider.js';
import { eventually } from '../testing/eventually.js';
import { FakeGeminiServer } from '../testing/fake-gemini-server.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { PackAdvancer } from './pack-advancer.js';

const KEY = 'pack-style-test-key';
const STYLE_BRIEF = /Style reference: the attached image \d is another piece of the same brand set/;

let fake: FakeGeminiServer;
let studio: TestStudio;
let advancer: PackAdvancer;
let channel = 9800;

beforeAll(async () => {
  fake = await FakeGeminiServer.start({ apiKey: KEY });
  const provider = new GeminiImageProvider({
    apiKey: KEY,
    model: 'gemini-2.5-flash-image',
    baseUrl: fake.url,
    timeoutMs: 60_000,
  });
  studio = await createTestStudio({ provider });
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
  await fake.close();
});
afterEach(() => fake.reset());

async function makePack(channelId: string, body: unknown): Promise<PackView> {
  const token = studio.token(channelId);
  const response = await studio.call('/api/v1/packs', { token, body });
  expect(response.status, await response.clone().text()).toBe(202);
  const { id } = (await response.json()) as PackView;
  return eventually(
    async () => {
      const pack = (await (await studio.call(`/api/v1/packs/${id}`, { token })).json()) as PackView;
      expect(pack.status).not.toBe('running');
      return pack;
    },
    { timeoutMs: 60_000 },
  );
}

/** Gives the channel an active brand kit with a logo; returns the logo's bytes. */
async function kitWithLogo(channelId: string): Promise<Buffer> {
  const kit = await createBrandKit(studio.database.db, channelId, DEFAULT_BRAND_KIT);
  const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#9146ff' } })
    .png()
    .toBuffer();
  const storageKey = `brand-kits/${kit.id}/logo.png`;
  await studio.storage.put({ key: storageKey, data: logo, contentType: 'image/png', visibility: 'private' });
  await replaceBrandKitLogo(studio.database.db, channelId, kit.id, {
    storageKey,
    contentType: 'image/png',
    bytes: logo.length,
  });
  return logo;
}

describe('a brand pack against Gemini', () => {
  it('sends the lead alone, then every later piece the lead’s image as its last reference with the style brief', async () => {
    const channelId = String(++channel);
    const logo = await kitWithLogo(channelId);
    const pack = await makePack(channelId, { include: ['profile_picture', 'panels', 'sub_badges'] });
    expect(pack.status).toBe('completed');
    expect(fake.requests).toHaveLength(11);
    const [lead, ...later] = fake.requests;
    // Only the lead was asked for until it was drawn.
    expect(lead!.prompt).toMatch(/profile picture/i);
    expect(lead!.prompt).not.toMatch(/Style reference/);
    expect(lead!.referenceImages.map((image) => image.bytes)).toEqual([logo.length]);
    const drawn = lead!.imageSha256;
    expect(drawn).toMatch(/^[0-9a-f]{64}$/);
    for (const request of later) {
      expect(request.at).toBeGreaterThanOrEqual(lead!.at);
      expect(request.parts).toEqual(['text', 'image/png', 'image/png']);
      // The logo first, the lead's source last, byte for byte as Gemini drew it.
      expect(request.referenceImages.map((image) => image.bytes)[0]).toBe(logo.length);
      expect(request.referenceImages.at(-1)!.sha256).toBe(drawn);
      expect(request.prompt).toMatch(/Style reference: the attached image 2 /);
      expect(request.prompt).toMatch(STYLE_BRIEF);
    }
    expect(later.filter((request) => /panel/i.test(request.prompt))).toHaveLength(4);
    for (const word of ['About', 'Schedule', 'Rules', 'Support'])
      expect(later.some((request) => request.prompt.includes(`"${word}"`))).toBe(true);
  }, 90_000);

  it('without a logo, the lead’s image is the only reference of a later piece', async () => {
    const channelId = String(++channel);
    const pack = await makePack(channelId, { include: ['profile_banner', 'emotes'], subjects: ['a frog'] });
    expect(pack.status).toBe('completed');
    expect(pack.pieces.map((piece) => piece.key)).toEqual(['profile_banner', 'emote_a_frog']);
    const [lead, emote] = fake.requests;
    expect(lead!.referenceImages).toEqual([]);
    expect(emote!.referenceImages.map((image) => image.sha256)).toEqual([lead!.imageSha256]);
    expect(emote!.prompt).toMatch(/Style reference: the attached image 1 /);
  }, 60_000);

  it('stops with the lead’s code when the lead is refused, making nothing else', async () => {
    fake.script({ kind: 'prompt_blocked', blockReason: 'SAFETY' });
    const channelId = String(++channel);
    const pack = await makePack(channelId, {});
    expect(pack).toMatchObject({ status: 'stopped', stopCode: 'CONTENT_POLICY' });
    expect(pack.stopMessage).toMatch(/first piece \(Profile picture\) failed/);
    expect(pack.pieces[0]!.status).toBe('failed');
    expect(pack.pieces.slice(1).every((piece) => piece.status === 'planned')).toBe(true);
    expect(fake.requests).toHaveLength(1);
  }, 60_000);
});
