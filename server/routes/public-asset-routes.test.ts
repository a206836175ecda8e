import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { AssetView } from '../assets/asset-view.js';
import { HotReads } from '../read-cache/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let studio: TestStudio;
let emote: AssetView;
beforeAll(async () => {
  studio = await createTestStudio();
  emote = await makeAsset(studio, 'public-asset', { visibility: 'public', assetType: 'emote' });
});
afterAll(() => studio.close());

const fetchAsset = (path: string, headers: Record<string, string> = {}) =>
  studio.app.request(path, { headers });

const setVisibility = (channelId: string, id: string, visibility: 'public' | 'private') =>
  studio.call(`/api/v1/assets/${id}/visibility`, {
    method: 'PUT',
    body: { visibility },
    token: studio.token(channelId),
  });

async function dimensions(response: Response) {
  const { width, height, format } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return { width, height, format };
}

describe('GET /asset/:id', () => {
  it('serves the largest file by default, as a PNG of the right length', async () => {
    const response = await fetchAsset(`/asset/${emote.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Number(response.headers.get('content-length'))).toBe(emote.files[0]!.bytes);
    expect(await dimensions(response)).toEqual({ width: 112, height: 112, format: 'png' });
  });

  it.each([
    ['112x112', 112],
    ['56x56', 56],
    ['28x28', 28],
  ])('serves ?size=%s', async (size, pixels) => {
    const response = await fetchAsset(`/asset/${emote.id}?size=${size}`);
    expect(response.status).toBe(200);
    expect(await dimensions(response)).toEqual({ width: pixels, height: pixels, format: 'png' });
  });

  it('serves the same bytes as the file’s public URL', async () => {
    const file = emote.files.find((f) => f.width === 56)!;
    const viaAsset = Buffer.from(await (await fetchAsset(`/asset/${emote.id}?size=56x56`)).arrayBuffer());
    const viaUrl = Buffer.from(await (await fetchAsset(new URL(file.url).pathname)).arrayBuffer());
    expect(viaAsset.length).toBe(file.bytes);
    expect(viaAsset.equals(viaUrl)).toBe(true);
  });

  it.each(['99x99', '0x0', '112x56', '1920x1080'])(
    'answers 404 for a size the asset lacks (%s)',
    async (size) => {
      const error = await expectApiError(
        await fetchAsset(`/asset/${emote.id}?size=${size}`),
        404,
        'NOT_FOUND',
      );
      expect(error.message).toContain(size);
    },
  );

  it.each(['big', '56', '56x', 'x56', '56X56', '56x56px', '12345x1', '-1x-1', ''])(
    'answers 400 for the malformed size %j',
    async (size) => {
      const response = await fetchAsset(`/asset/${emote.id}?size=${encodeURIComponent(size)}`);
      const error = await expectApiError(response, 400, 'INVALID_INPUT');
      expect(error.details).toEqual([expect.objectContaining({ path: 'size' })]);
    },
  );

  it('answers 400 for an id that is not a uuid', async () => {
    await expectApiError(await fetchAsset('/asset/not-a-uuid'), 400, 'INVALID_INPUT');
  });

  it('lets anyone cache files, but only briefly, so an asset made private soon stops showing', async () => {
    const cacheControl = (await fetchAsset(`/asset/${emote.id}`)).headers.get('cache-control') ?? '';
    const directives = cacheControl.split(',').map((d) => d.trim());
    expect(directives).toContain('public');
    expect(directives).not.toContain('immutable');
    const maxAge = Number(directives.find((d) => d.startsWith('max-age='))?.slice('max-age='.length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(600);
  });

  it('answers weak and listed ETags by 304 too', async () => {
    const etag = (await fetchAsset(`/asset/${emote.id}`)).headers.get('etag')!;
    const listed = await fetchAsset(`/asset/${emote.id}`, { 'If-None-Match': `"other", W/${etag}` });
    expect(listed.status).toBe(304);
  });

  it('answers If-None-Match with the current ETag by 304 and no body', async () => {
    const first = await fetchAsset(`/asset/${emote.id}?size=56x56`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetchAsset(`/asset/${emote.id}?size=56x56`, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('gives each size its own ETag and ignores a stale one', async () => {
    const etags = await Promise.all(
      ['112x112', '56x56', '28x28'].map(async (size) =>
        (await fetchAsset(`/asset/${emote.id}?size=${size}`)).headers.get('etag'),
      ),
    );
    expect(new Set(etags).size).toBe(3);
    expect((await fetchAsset(`/asset/${emote.id}`)).headers.get('etag')).toBe(etags[0]);
    // The 56x56 file's ETag does not validate the 28x28 file.
    const other = await fetchAsset(`/asset/${emote.id}?size=28x28`, { 'If-None-Match': etags[1]! });
    expect(other.status).toBe(200);
    const stale = await fetchAsset(`/asset/${emote.id}`, { 'If-None-Match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('needs no credentials and ignores any that are sent', async () => {
    expect((await fetchAsset(`/asset/${emote.id}`)).status).toBe(200);
    expect((await fetchAsset(`/asset/${emote.id}`, { Authorization: 'Bearer garbage' })).status).toBe(200);
  });

  it('answers 404 for a private asset with exactly the body of a missing one', async () => {
    const hidden = await makeAsset(studio, 'public-asset-private', { visibility: 'private' });
    for (const query of ['', '?size=56x56', '?size=99x99']) {
      const missing = await (await fetchAsset(`/asset/${MISSING_ID}${query}`)).text();
      const response = await fetchAsset(`/asset/${hidden.id}${query}`);
      await expectApiError(response.clone(), 404, 'NOT_FOUND');
      expect(await response.text()).toBe(missing);
    }
  });

  it('stops serving an asset made private, even to a client holding its ETag, and serves it again once public', async () => {
    const channel = 'public-asset-toggle';
    const asset = await makeAsset(studio, channel, { visibility: 'public' });
    const etag = (await fetchAsset(`/asset/${asset.id}`)).headers.get('etag')!;

    expect((await setVisibility(channel, asset.id, 'private')).status).toBe(200);
    await expectApiError(await fetchAsset(`/asset/${asset.id}`), 404, 'NOT_FOUND');
    await expectApiError(await fetchAsset(`/asset/${asset.id}`, { 'If-None-Match': etag }), 404, 'NOT_FOUND');

    expect((await setVisibility(channel, asset.id, 'public')).status).toBe(200);
    const back = await fetchAsset(`/asset/${asset.id}`);
    expect(back.status).toBe(200);
    expect(await dimensions(back)).toMatchObject({ width: 112, height: 112 });
  });

  it('serves any channel’s public asset: the URL alone is the capability', async () => {
    const other = await makeAsset(studio, 'public-asset-other', { visibility: 'public', assetType: 'panel' });
    const response = await fetchAsset(`/asset/${other.id}`);
    expect(response.status).toBe(200);
    expect(await dimensions(response)).toEqual({ width: 320, height: 160, format: 'png' });
  });
});

/** The local driver, claiming that a host of its own serves its public URLs (as Supabase's does). */
function servedElsewhere(inner: StorageDriver): StorageDriver {
  return {
    name: inner.name,
    publicUrlsAreExternal: true,
    put: (object) => inner.put(object),
    read: (key, visibility) => inner.read(key, visibility),
    remove: (keys, visibility) => inner.remove(keys, visibility),
    move: (key, from, to) => inner.move(key, from, to),
    publicUrl: (key) => inner.publicUrl(key),
    signedUrl: (key, visibility, seconds) => inner.signedUrl(key, visibility, seconds),
  };
}

describe('GET /asset/:id when the storage host serves public files', () => {
  // Same database and files; only the driver's answer to "who serves public URLs" differs (and
  // the read cache, which holds what the other driver answered).
  const redirecting = () =>
    createApp({
      ...studio.deps,
      storage: servedElsewhere(studio.storage),
      reads: new HotReads(studio.deps.events),
    });

  it('redirects to the file’s public URL with a short cache, and that URL serves the same bytes', async () => {
    const response = await redirecting().request(`/asset/${emote.id}`);
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toBe(emote.files[0]!.url);
    expect(response.headers.get('etag')).toBeNull();
    const cacheControl = (response.headers.get('cache-control') ?? '').split(',').map((d) => d.trim());
    expect(cacheControl).toContain('public');
    const maxAge = Number(cacheControl.find((d) => d.startsWith('max-age='))?.slice('max-age='.length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);
    const streamed = Buffer.from(await (await fetchAsset(`/asset/${emote.id}`)).arrayBuffer());
    const redirected = Buffer.from(await (await studio.app.request(location)).arrayBuffer());
    expect(redirected.equals(streamed)).toBe(true);
  });

  it('redirects ?size= to that size’s file', async () => {
    const response = await redirecting().request(`/asset/${emote.id}?size=28x28`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(emote.files.find((f) => f.width === 28)!.url);
  });

  it('answers a private, missing or sizeless asset with the same 404s as when streaming', async () => {
    const hidden = await makeAsset(studio, 'public-asset-redirect-private', { visibility: 'private' });
    for (const path of [`/asset/${hidden.id}`, `/asset/${MISSING_ID}`, `/asset/${emote.id}?size=99x99`]) {
      const response = await redirecting().request(path);
      expect(response.headers.get('location')).toBeNull();
      const expected = await (await fetchAsset(path)).text();
      await expectApiError(response.clone(), 404, 'NOT_FOUND');
      expect(await response.text()).toBe(expected);
    }
  });

  it('mounts no /files routes, since this server does not answer the driver’s URLs', async () => {
    const path = new URL(emote.files[0]!.url).pathname;
    expect((await fetchAsset(path)).status).toBe(200);
    await expectApiError(await redirecting().request(path), 404, 'NOT_FOUND');
  });
});
