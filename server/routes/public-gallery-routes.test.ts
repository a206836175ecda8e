import { gunzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AssetView } from '../assets/asset-view.js';
import { COMPRESS_FROM_BYTES } from '../read-cache/rendered-answer.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

let studio: TestStudio;
const CHANNEL = 'gallery-public';
let shown: AssetView;
let hidden: AssetView;
beforeAll(async () => {
  studio = await createTestStudio();
  hidden = await makeAsset(studio, CHANNEL, { visibility: 'private' });
  shown = await makeAsset(studio, CHANNEL, { visibility: 'public' });
});
afterAll(() => studio.close());

interface Page {
  items: AssetView[];
  nextCursor: string | null;
}

const gallery = (query = '', headers: Record<string, string> = {}, channelId = CHANNEL) =>
  studio.app.request(`/public/v1/channels/${channelId}/assets${query}`, { headers });
const ids = async (response: Response) => ((await response.json()) as Page).items.map((a) => a.id);

const setVisibility = (id: string, visibility: 'public' | 'private') =>
  studio.call(`/api/v1/assets/${id}/visibility`, {
    method: 'PUT',
    body: { visibility },
    token: studio.token(CHANNEL),
  });

/** Counts every query the studio's PGlite runs and every file its storage reads, while `run` runs. */
async function touches(run: () => Promise<void>) {
  const client = (studio.database.db as unknown as { $client: PGlite }).$client;
  const query = vi.spyOn(client, 'query');
  const transaction = vi.spyOn(client, 'transaction');
  const read = vi.spyOn(studio.storage, 'read');
  try {
    await run();
    return {
      queries: query.mock.calls.length + transaction.mock.calls.length,
      fileReads: read.mock.calls.length,
    };
  } finally {
    query.mockRestore();
    transaction.mockRestore();
    read.mockRestore();
  }
}

describe('GET /public/v1/channels/:channelId/assets', () => {
  it('lists the channel’s public assets to anyone, with no token, cacheable by anyone', async () => {
    const response = await gallery();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=30');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    expect(response.headers.get('vary') ?? '').not.toMatch(/authorization/i);
    const page = (await response.json()) as Page;
    expect(page.items.map((a) => a.id)).toEqual([shown.id]);
    expect(page.items[0]).toEqual(shown);
    expect(page.nextCursor).toBeNull();
  });

  it('is what a viewer sees through the authenticated API', async () => {
    const viewer = await studio.call('/api/v1/assets', { token: studio.token(CHANNEL, 'viewer') });
    expect(await (await gallery()).json()).toEqual(await viewer.json());
  });

  it('is one cached page for every viewer: a viewer’s token reads it from memory, kept private', async () => {
    const asViewer = () => studio.call('/api/v1/assets', { token: studio.token(CHANNEL, 'viewer') });
    await gallery();
    const { queries } = await touches(async () => {
      const viewer = await asViewer();
      expect(viewer.status).toBe(200);
      expect(viewer.headers.get('cache-control')).toBe('private, no-store');
      expect(viewer.headers.get('etag')).toBeNull();
      expect(await ids(viewer)).toEqual([shown.id]);
    });
    expect(queries).toBe(0);
    await expectApiError(
      await studio.call('/api/v1/assets?visibility=private', { token: studio.token(CHANNEL, 'viewer') }),
      403,
      'FORBIDDEN',
    );
  });

  it('lets any origin read it, with no credentials', async () => {
    const response = await gallery('', { Origin: 'https://abc123.ext-twitch.tv' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers 304 for the current version, from memory', async () => {
    // What counting sees when the answer is not in memory: a gallery nobody asked for yet.
    const cold = await touches(async () => {
      expect((await gallery('?limit=7')).status).toBe(200);
    });
    expect(cold.queries).toBeGreaterThan(0);
    const etag = (await gallery()).headers.get('etag')!;
    const { queries, fileReads } = await touches(async () => {
      const again = await gallery('', { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toContain('public');
      expect(await again.text()).toBe('');
    });
    expect({ queries, fileReads }).toEqual({ queries: 0, fileReads: 0 });
  });

  it('shows a publish, a hide and a delete on the next read, and never 304s an old version', async () => {
    const before = (await gallery()).headers.get('etag')!;
    expect((await setVisibility(hidden.id, 'public')).status).toBe(200);
    const published = await gallery('', { 'If-None-Match': before });
    expect(published.status).toBe(200);
    expect(await ids(published)).toEqual([shown.id, hidden.id]);

    expect((await setVisibility(hidden.id, 'private')).status).toBe(200);
    expect(await ids(await gallery())).toEqual([shown.id]);

    const extra = await makeAsset(studio, CHANNEL, { visibility: 'public', assetType: 'panel' });
    expect(await ids(await gallery())).toEqual([extra.id, shown.id]);
    const deleted = await studio.call(`/api/v1/assets/${extra.id}`, {
      method: 'DELETE',
      token: studio.token(CHANNEL),
    });
    expect(deleted.status).toBe(204);
    expect(await ids(await gallery())).toEqual([shown.id]);
  });

  it('pages and filters like the authenticated gallery', async () => {
    const badge = await makeAsset(studio, CHANNEL, { visibility: 'public', assetType: 'sub_badge' });
    const first = (await (await gallery('?limit=1')).json()) as Page;
    expect(first.items.map((a) => a.id)).toEqual([badge.id]);
    const second = (await (await gallery(`?limit=1&cursor=${first.nextCursor}`)).json()) as Page;
    expect(second.items.map((a) => a.id)).toEqual([shown.id]);
    expect(await ids(await gallery('?assetType=sub_badge'))).toEqual([badge.id]);
  });

  it('answers an empty page for a channel with nothing public', async () => {
    const response = await gallery('', {}, '99999');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['a channel id that is not one', '/public/v1/channels/no%20spaces/assets', 'channelId'],
    ['a limit out of range', `/public/v1/channels/${CHANNEL}/assets?limit=1000`, 'limit'],
    ['an unknown asset type', `/public/v1/channels/${CHANNEL}/assets?assetType=poster`, 'assetType'],
  ])('refuses %s with 400 naming the field, never cached', async (_, path, field) => {
    const response = await studio.app.request(path);
    const error = await expectApiError(response, 400, 'INVALID_INPUT');
    expect(error.message).toContain(field);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a cursor this server did not hand out with 400', async () => {
    await expectApiError(await gallery('?cursor=forged'), 400, 'INVALID_INPUT');
  });
});

describe('a gallery large enough to compress', () => {
  const CROWDED = 'gallery-gzip';
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) await makeAsset(studio, CROWDED, { visibility: 'public' });
  });
  const crowded = (headers: Record<string, string> = {}) => gallery('', headers, CROWDED);

  it('goes gzipped to whoever accepts gzip, with its own ETag, and as it is to whoever does not', async () => {
    const plain = await crowded();
    const plainBody = await plain.text();
    expect(plainBody.length).toBeGreaterThanOrEqual(COMPRESS_FROM_BYTES);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);

    const zipped = await crowded({ 'Accept-Encoding': 'br, gzip;q=0.8' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('content-type')).toMatch(/^application\/json/);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(plainBody.length / 2);
    expect(gunzipSync(bytes).toString()).toBe(plainBody);
    expect(zipped.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'));

    const refused = await crowded({ 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(await refused.text()).toBe(plainBody);
  });

  it('answers 304 for the current version in either encoding, and neither once it changed', async () => {
    const plainTag = (await crowded()).headers.get('etag')!;
    const zippedTag = (await crowded({ 'Accept-Encoding': 'gzip' })).headers.get('etag')!;
    for (const held of [plainTag, zippedTag]) {
      const again = await crowded({ 'Accept-Encoding': 'gzip', 'If-None-Match': held });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(zippedTag);
    }
    await makeAsset(studio, CROWDED, { visibility: 'public' });
    for (const held of [plainTag, zippedTag]) {
      const changed = await crowded({ 'Accept-Encoding': 'gzip', 'If-None-Match': held });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(zippedTag);
    }
  });
});

describe('GET /public/v1/assets/:id', () => {
  const publicAsset = (id: string, headers: Record<string, string> = {}) =>
    studio.app.request(`/public/v1/assets/${id}`, { headers });

  it('answers a public asset to anyone, with an ETag, and 304 for it', async () => {
    const response = await publicAsset(shown.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(shown);
    const etag = response.headers.get('etag')!;
    expect((await publicAsset(shown.id, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('answers 404 for a private asset, and for one that goes private on the next read', async () => {
    await expectApiError(await publicAsset(hidden.id), 404, 'NOT_FOUND');
    const asset = await makeAsset(studio, CHANNEL, { visibility: 'public' });
    const etag = (await publicAsset(asset.id)).headers.get('etag')!;
    expect((await setVisibility(asset.id, 'private')).status).toBe(200);
    await expectApiError(await publicAsset(asset.id, { 'If-None-Match': etag }), 404, 'NOT_FOUND');
  });
});

describe('GET /asset/:id from memory', () => {
  it('serves a conditional request that matches without the database or the disk', async () => {
    const first = await studio.app.request(`/asset/${shown.id}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const { queries, fileReads } = await touches(async () => {
      expect(
        (await studio.app.request(`/asset/${shown.id}`, { headers: { 'If-None-Match': etag } })).status,
      ).toBe(304);
      const again = await studio.app.request(`/asset/${shown.id}`);
      expect(Buffer.from(await again.arrayBuffer()).length).toBe(shown.files[0]!.bytes);
    });
    expect({ queries, fileReads }).toEqual({ queries: 0, fileReads: 0 });
  });

  it('stops serving a file the moment its asset is hidden, and a 304 with it', async () => {
    const asset = await makeAsset(studio, CHANNEL, { visibility: 'public' });
    const etag = (await studio.app.request(`/asset/${asset.id}`)).headers.get('etag')!;
    expect((await setVisibility(asset.id, 'private')).status).toBe(200);
    const after = await studio.app.request(`/asset/${asset.id}`, { headers: { 'If-None-Match': etag } });
    await expectApiError(after, 404, 'NOT_FOUND');
  });
});
