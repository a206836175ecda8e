import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

type Link = { url: string; expiresAt: string };

describe('asset downloads', () => {
  let studio: TestStudio;
  let assetId: string;
  beforeAll(async () => {
    studio = await createTestStudio();
    const queued = await studio.call('/api/v1/generate', {
      token: studio.token('7001'),
      body: { assetType: 'emote', prompt: 'a cat in sunglasses' },
    });
    const job = await studio.settle('7001', ((await queued.json()) as { id: string }).id);
    expect(job.status).toBe('completed');
    const assets = await studio.call(`/api/v1/jobs/${job.id}/assets`, { token: studio.token('7001') });
    assetId = ((await assets.json()) as { items: { id: string }[] }).items[0]!.id;
  });
  afterAll(() => studio.close());

  const askLink = async (channelId: string, role: 'broadcaster' | 'viewer' = 'broadcaster') =>
    studio.call(`/api/v1/assets/${assetId}/download-link`, {
      method: 'POST',
      token: studio.token(channelId, role),
    });

  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  it('gives a link, valid for five minutes, to a zip holding every size at its exact pixels', async () => {
    const response = await askLink('7001');
    expect(response.status).toBe(200);
    const link = (await response.json()) as Link;
    const ttl = Date.parse(link.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);

    const download = await studio.app.request(pathOf(link.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="emote-${assetId.slice(0, 8)}.zip"`,
    );
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['emote-112x112.png', 'emote-28x28.png', 'emote-56x56.png']);
    for (const [name, data] of Object.entries(files)) {
      const meta = await sharp(data).metadata();
      expect(`emote-${meta.width}x${meta.height}.png`).toBe(name);
      expect(meta.hasAlpha).toBe(true);
    }
  });

  it('refuses a link whose signature, expiry, asset or channel was changed', async () => {
    const link = new URL(((await (await askLink('7001')).json()) as Link).url);
    const tampered = (change: (url: URL) => void) => {
      const copy = new URL(link);
      change(copy);
      return studio.app.request(`${copy.pathname}${copy.search}`);
    };
    const cases = [
      (u: URL) => {
        // Its last character changed, whatever it was (a digest's last one is 'A' one time in 16).
        const signature = u.searchParams.get('signature')!;
        u.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
      },
      (u: URL) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)),
      (u: URL) => u.searchParams.set('channel', '7002'),
      (u: URL) => {
        u.pathname = '/download/00000000-0000-4000-8000-000000000000';
      },
    ];
    for (const change of cases) {
      const response = await tampered(change);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    expect((await studio.app.request(link.pathname)).status).toBe(400);
  });

  it('keeps private assets from viewers and from other channels, and lets viewers download public ones', async () => {
    expect((await askLink('7001', 'viewer')).status).toBe(404);
    expect((await askLink('7002')).status).toBe(404);
    const published = await studio.call(`/api/v1/assets/${assetId}/visibility`, {
      method: 'PUT',
      token: studio.token('7001'),
      body: { visibility: 'public' },
    });
    expect(published.status).toBe(200);
    const response = await askLink('7001', 'viewer');
    expect(response.status).toBe(200);
    const download = await studio.app.request(pathOf(((await response.json()) as Link).url));
    expect(download.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(await download.arrayBuffer())))).toHaveLength(3);
  });

  it('answers 404 once the asset is deleted, even with a valid link', async () => {
    const link = ((await (await askLink('7001')).json()) as Link).url;
    const deleted = await studio.call(`/api/v1/assets/${assetId}`, {
      method: 'DELETE',
      token: studio.token('7001'),
    });
    expect(deleted.status).toBe(204);
    const response = await studio.app.request(pathOf(link));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
