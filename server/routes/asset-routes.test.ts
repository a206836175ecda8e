import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAsset } from '../assets/asset-store.js';
import type { AssetView } from '../assets/asset-view.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import type { Role, Visibility } from '../vocabulary/index.js';

interface AssetPage {
  items: AssetView[];
  nextCursor: string | null;
}

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let studio: TestStudio;
beforeAll(async () => {
  studio = await createTestStudio();
});
afterAll(() => studio.close());

const as = (channelId: string, role: Role = 'broadcaster') => ({ token: studio.token(channelId, role) });

const setVisibility = (channelId: string, id: string, visibility: unknown, role: Role = 'broadcaster') =>
  studio.call(`/api/v1/assets/${id}/visibility`, {
    method: 'PUT',
    body: { visibility },
    ...as(channelId, role),
  });

/** Fetches one of the URLs the API hands out, through the app (no real port). */
const fetchUrl = (url: string) => {
  const { pathname, search } = new URL(url);
  return studio.app.request(pathname + search);
};

/** Where the asset's files are kept, read from the database (the API never shows storage keys). */
const storageKeys = async (channelId: string, id: string) =>
  (await getAsset(studio.database.db, channelId, id))!.files.map((file) => file.storageKey);

/** Asserts every file URL of `asset` serves a PNG of the size the JSON claims. */
async function expectFilesServed(asset: AssetView) {
  for (const file of asset.files) {
    const response = await fetchUrl(file.url);
    expect(response.status, file.url).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await response.arrayBuffer()).byteLength).toBe(file.bytes);
  }
}

async function expectFilesGone(urls: readonly string[]) {
  for (const url of urls) await expectApiError(await fetchUrl(url), 404, 'NOT_FOUND');
}

/** Asserts the URLs are public (permanent, no query) or private (signed, expiring within 15 minutes). */
function expectUrlsOf(asset: AssetView, visibility: Visibility) {
  expect(asset.files.length).toBeGreaterThan(0);
  for (const file of asset.files) {
    const url = new URL(file.url);
    expect(url.pathname).toMatch(new RegExp(`^/files/${visibility}/.+\\.png$`));
    if (visibility === 'public') {
      expect(url.search).toBe('');
    } else {
      expect([...url.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
      const expires = Number(url.searchParams.get('expires'));
      const now = Date.now() / 1000;
      expect(expires).toBeGreaterThan(now);
      expect(expires).toBeLessThanOrEqual(now + 15 * 60 + 1);
    }
  }
}

describe('GET /api/v1/assets', () => {
  const channel = 'assets-list';
  let emotes: AssetView[];
  let panels: AssetView[];
  beforeAll(async () => {
    const made = await Promise.all([
      makeAsset(studio, channel, { visibility: 'public', assetType: 'emote' }),
      makeAsset(studio, channel, { visibility: 'public', assetType: 'emote' }),
      makeAsset(studio, channel, { visibility: 'public', assetType: 'emote' }),
      makeAsset(studio, channel, { visibility: 'private', assetType: 'panel' }),
      makeAsset(studio, channel, { visibility: 'private', assetType: 'panel' }),
    ]);
    emotes = made.slice(0, 3);
    panels = made.slice(3);
  });
  const ids = (assets: readonly AssetView[]) => assets.map((asset) => asset.id).sort();

  const list = async (query: string, role: Role = 'broadcaster'): Promise<AssetPage> => {
    const response = await studio.call(`/api/v1/assets?${query}`, as(channel, role));
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as AssetPage;
  };

  /** Follows `nextCursor` from the first page to the last; returns the pages. */
  const walk = async (query: string, role: Role = 'broadcaster') => {
    const pages: AssetView[][] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams(query);
      if (cursor) params.set('cursor', cursor);
      const page = await list(params.toString(), role);
      pages.push(page.items);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(10);
    } while (cursor);
    return pages;
  };

  it('walks every asset exactly once, newest first, with limit and cursor', async () => {
    const pages = await walk('limit=2');
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const walked = pages.flat();
    expect(ids(walked)).toEqual(ids([...emotes, ...panels]));
    const all = await list('limit=100');
    expect(all.nextCursor).toBeNull();
    expect(walked.map((asset) => asset.id)).toEqual(all.items.map((asset) => asset.id));
    const times = walked.map((asset) => Date.parse(asset.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('has no next cursor when the page holds exactly the rest', async () => {
    const page = await list('limit=5');
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by assetType and by visibility, also across pages', async () => {
    expect(ids((await list('assetType=panel')).items)).toEqual(ids(panels));
    expect(ids((await list('visibility=public')).items)).toEqual(ids(emotes));
    expect((await list('assetType=panel&visibility=public')).items).toEqual([]);
    const pages = await walk('visibility=private&limit=1');
    expect(pages.map((page) => page.length)).toEqual([1, 1]);
    expect(ids(pages.flat())).toEqual(ids(panels));
  });

  it('shows only the caller’s channel', async () => {
    const response = await studio.call('/api/v1/assets', as('assets-list-elsewhere'));
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('gives public files permanent URLs and private files signed ones', async () => {
    const { items } = await list('limit=100');
    for (const asset of items) expectUrlsOf(asset, asset.visibility);
    for (const asset of items) await expectFilesServed(asset);
  });

  it('shows viewers public assets only', async () => {
    expect(ids((await walk('limit=2', 'viewer')).flat())).toEqual(ids(emotes));
    expect(ids((await list('visibility=public', 'viewer')).items)).toEqual(ids(emotes));
    expect((await list('assetType=panel', 'viewer')).items).toEqual([]);
  });

  it('refuses viewers who ask for private assets with 403', async () => {
    const response = await studio.call('/api/v1/assets?visibility=private', as(channel, 'viewer'));
    await expectApiError(response, 403, 'FORBIDDEN');
  });
});

describe('GET /api/v1/assets/:id', () => {
  const channel = 'assets-get';
  let publicAsset: AssetView;
  let privateAsset: AssetView;
  beforeAll(async () => {
    [publicAsset, privateAsset] = await Promise.all([
      makeAsset(studio, channel, { visibility: 'public' }),
      makeAsset(studio, channel, { visibility: 'private' }),
    ]);
  });

  it('returns the asset in the design’s shape', async () => {
    const response = await studio.call(`/api/v1/assets/${privateAsset.id}`, as(channel));
    expect(response.status).toBe(200);
    const asset = (await response.json()) as AssetView;
    expect(Object.keys(asset).sort()).toEqual(
      ['assetType', 'channelId', 'createdAt', 'files', 'id', 'jobId', 'parentAssetId', 'visibility'].sort(),
    );
    expect(asset).toMatchObject({ id: privateAsset.id, channelId: channel, assetType: 'emote' });
    expect(asset.files.map((file) => `${file.width}x${file.height}`)).toEqual(['112x112', '56x56', '28x28']);
    for (const file of asset.files) {
      expect(Object.keys(file).sort()).toEqual(['bytes', 'contentType', 'height', 'url', 'width']);
    }
    expectUrlsOf(asset, 'private');
    await expectFilesServed(asset);
  });

  it('answers 404, not 403, for another channel’s asset, exactly as for a missing one', async () => {
    const missing = await expectApiError(
      await studio.call(`/api/v1/assets/${MISSING_ID}`, as('assets-get-other')),
      404,
      'NOT_FOUND',
    );
    for (const asset of [publicAsset, privateAsset]) {
      const error = await expectApiError(
        await studio.call(`/api/v1/assets/${asset.id}`, as('assets-get-other')),
        404,
        'NOT_FOUND',
      );
      expect(error).toEqual(missing);
    }
  });

  it('lets viewers read public assets and answers 404 for private ones, as for missing ones', async () => {
    const seen = await studio.call(`/api/v1/assets/${publicAsset.id}`, as(channel, 'viewer'));
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as AssetView).id).toBe(publicAsset.id);
    const hidden = await expectApiError(
      await studio.call(`/api/v1/assets/${privateAsset.id}`, as(channel, 'viewer')),
      404,
      'NOT_FOUND',
    );
    const missing = await expectApiError(
      await studio.call(`/api/v1/assets/${MISSING_ID}`, as(channel, 'viewer')),
      404,
      'NOT_FOUND',
    );
    expect(hidden).toEqual(missing);
  });
});

describe('DELETE /api/v1/assets/:id', () => {
  const channel = 'assets-delete';

  it.each(['public', 'private'] as const)(
    'deletes a %s asset: row, files and URLs all gone',
    async (visibility) => {
      const asset = await makeAsset(studio, channel, { visibility });
      const keys = await storageKeys(channel, asset.id);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(await studio.storage.read(key, visibility)).not.toBeNull();

      const response = await studio.call(`/api/v1/assets/${asset.id}`, { method: 'DELETE', ...as(channel) });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');

      await expectApiError(await studio.call(`/api/v1/assets/${asset.id}`, as(channel)), 404, 'NOT_FOUND');
      await expectApiError(await studio.app.request(`/asset/${asset.id}`), 404, 'NOT_FOUND');
      for (const key of keys) {
        expect(await studio.storage.read(key, 'public')).toBeNull();
        expect(await studio.storage.read(key, 'private')).toBeNull();
      }
      await expectFilesGone(asset.files.map((file) => file.url));
      const list = (await (await studio.call('/api/v1/assets', as(channel))).json()) as AssetPage;
      expect(list.items.map((item) => item.id)).not.toContain(asset.id);
      await expectApiError(
        await studio.call(`/api/v1/assets/${asset.id}`, { method: 'DELETE', ...as(channel) }),
        404,
        'NOT_FOUND',
      );
    },
  );

  it('answers 404 for another channel’s asset and leaves it alone', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'public' });
    const response = await studio.call(`/api/v1/assets/${asset.id}`, {
      method: 'DELETE',
      ...as('assets-delete-other'),
    });
    await expectApiError(response, 404, 'NOT_FOUND');
    expect((await studio.call(`/api/v1/assets/${asset.id}`, as(channel))).status).toBe(200);
    await expectFilesServed(asset);
  });

  it.each(['viewer', 'moderator'] as const)(
    'refuses a %s with 403 and leaves the asset alone',
    async (role) => {
      const asset = await makeAsset(studio, channel, { visibility: 'public' });
      const response = await studio.call(`/api/v1/assets/${asset.id}`, {
        method: 'DELETE',
        ...as(channel, role),
      });
      await expectApiError(response, 403, 'FORBIDDEN');
      expect((await studio.call(`/api/v1/assets/${asset.id}`, as(channel))).status).toBe(200);
      await expectFilesServed(asset);
    },
  );
});

describe('PUT /api/v1/assets/:id/visibility', () => {
  const channel = 'assets-visibility';

  it('moves an asset public → private → public, switching URLs and what /asset/:id serves', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'public' });
    expectUrlsOf(asset, 'public');
    await expectFilesServed(asset);
    expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(200);

    const hiding = await setVisibility(channel, asset.id, 'private');
    expect(hiding.status).toBe(200);
    const hidden = (await hiding.json()) as AssetView;
    expect(hidden).toMatchObject({ id: asset.id, visibility: 'private' });
    expectUrlsOf(hidden, 'private');
    await expectFilesServed(hidden);
    await expectFilesGone(asset.files.map((file) => file.url));
    await expectApiError(await studio.app.request(`/asset/${asset.id}`), 404, 'NOT_FOUND');
    await expectApiError(
      await studio.call(`/api/v1/assets/${asset.id}`, as(channel, 'viewer')),
      404,
      'NOT_FOUND',
    );
    const stored = (await (await studio.call(`/api/v1/assets/${asset.id}`, as(channel))).json()) as AssetView;
    expect(stored.visibility).toBe('private');

    const showing = await setVisibility(channel, asset.id, 'public');
    expect(showing.status).toBe(200);
    const shown = (await showing.json()) as AssetView;
    expect(shown.visibility).toBe('public');
    expect(shown.files.map((file) => file.url)).toEqual(asset.files.map((file) => file.url));
    await expectFilesServed(shown);
    await expectFilesGone(hidden.files.map((file) => file.url));
    expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(200);
  });

  it('refuses a signed URL whose signature was tampered with', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'private' });
    const url = new URL(asset.files[0]!.url);
    const signature = url.searchParams.get('signature')!;
    url.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
    await expectFilesGone([url.toString()]);
  });

  it('accepts the visibility an asset already has and changes nothing', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'private' });
    const response = await setVisibility(channel, asset.id, 'private');
    expect(response.status).toBe(200);
    const same = (await response.json()) as AssetView;
    expect(same.visibility).toBe('private');
    await expectFilesServed(same);
  });

  it('never leaves a file public while its row says private, even when storage fails midway', async () => {
    for (const target of ['public', 'private'] as const) {
      const asset = await makeAsset(studio, channel, {
        visibility: target === 'public' ? 'private' : 'public',
      });
      const keys = asset.files.map((file) =>
        new URL(file.url).pathname.replace(/^\/files\/(public|private)\//, ''),
      );
      const move = studio.storage.move.bind(studio.storage);
      let calls = 0;
      studio.storage.move = async (...args) => {
        calls += 1;
        if (calls === 2) throw new Error('disk went away');
        return move(...args);
      };
      try {
        expect((await setVisibility(channel, asset.id, target)).status).toBe(500);
      } finally {
        studio.storage.move = move;
      }
      const row = (await (await studio.call(`/api/v1/assets/${asset.id}`, as(channel))).json()) as AssetView;
      const exposed = await Promise.all(keys.map((key) => studio.storage.read(key, 'public')));
      if (exposed.some(Boolean)) expect(row.visibility).toBe('public');
      // Repeating the request completes it.
      expect((await setVisibility(channel, asset.id, target)).status).toBe(200);
      const fixed = await Promise.all(keys.map((key) => studio.storage.read(key, target)));
      expect(fixed.every(Boolean)).toBe(true);
    }
  });

  it('finishes a visibility change that a crash cut short, when the request is repeated', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'public' });
    const keys = asset.files.map((file) => new URL(file.url).pathname.replace('/files/public/', ''));
    // The process died after hiding the files but before the row said private.
    await studio.storage.move(keys[0]!, 'public', 'private');
    expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(404);

    const retried = await setVisibility(channel, asset.id, 'private');
    expect(retried.status).toBe(200);
    const hidden = (await retried.json()) as AssetView;
    await expectFilesServed(hidden);
    for (const key of keys) expect(await studio.storage.read(key, 'public')).toBeNull();
  });

  it('answers 404 for another channel’s asset and leaves it as it was', async () => {
    const asset = await makeAsset(studio, channel, { visibility: 'public' });
    await expectApiError(
      await setVisibility('assets-visibility-other', asset.id, 'private'),
      404,
      'NOT_FOUND',
    );
    expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(200);
    await expectFilesServed(asset);
  });

  it.each(['viewer', 'moderator'] as const)(
    'refuses a %s with 403 and leaves the asset as it was',
    async (role) => {
      const asset = await makeAsset(studio, channel, { visibility: 'public' });
      await expectApiError(await setVisibility(channel, asset.id, 'private', role), 403, 'FORBIDDEN');
      expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(200);
    },
  );
});

describe('bad input', () => {
  const channel = 'assets-bad-input';
  const base64url = (text: string) => Buffer.from(text).toString('base64url');
  let asset: AssetView;
  beforeAll(async () => {
    asset = await makeAsset(studio, channel, { visibility: 'public' });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['assetType=gif', 'assetType'],
    ['visibility=secret', 'visibility'],
    [`cursor=${'A'.repeat(201)}`, 'cursor'],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const error = await expectApiError(
      await studio.call(`/api/v1/assets?${query}`, as(channel)),
      400,
      'INVALID_INPUT',
    );
    expect(error.message).toContain(field);
    expect(error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it.each([
    ['not base64', 'not%20a%20cursor!'],
    ['not JSON', base64url('hello')],
    ['the wrong JSON', base64url('[1,2]')],
    ['a bad date', base64url('["yesterday","x"]')],
    ['an empty id', base64url('["2024-01-01T00:00:00.000Z",""]')],
    // Dates Postgres rejects once answered 500: a cursor the server did not sign never gets that far.
    ['year 0', base64url('["0000-01-01T00:00:00.000Z","x"]')],
    ['a negative year', base64url('["-000001-01-01T00:00:00.000Z","x"]')],
    ['a five-digit year', base64url('["+275760-09-13T00:00:00.000Z","x"]')],
    ['a real cursor with its signature cut', 'SIGNED'],
  ])('answers 400 for a cursor that is %s, on assets and jobs', async (_label, given) => {
    let cursor = given;
    if (given === 'SIGNED') {
      await makeAsset(studio, channel, { visibility: 'public' });
      await makeAsset(studio, channel, { visibility: 'public' });
      const page = (await (await studio.call('/api/v1/assets?limit=1', as(channel))).json()) as AssetPage;
      cursor = page.nextCursor!.split('.')[0]!;
    }
    for (const path of ['/api/v1/assets', '/api/v1/jobs']) {
      const error = await expectApiError(
        await studio.call(`${path}?cursor=${cursor}`, as(channel)),
        400,
        'INVALID_INPUT',
      );
      expect(error.message).toMatch(/cursor/);
      expect(error.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });

  it.each([
    ['GET', '/api/v1/assets/not-a-uuid'],
    ['DELETE', '/api/v1/assets/not-a-uuid'],
    ['PUT', '/api/v1/assets/not-a-uuid/visibility'],
  ])('answers 400 for %s %s', async (method, path) => {
    const response = await studio.call(path, {
      method,
      ...as(channel),
      ...(method === 'PUT' ? { body: { visibility: 'public' } } : {}),
    });
    const error = await expectApiError(response, 400, 'INVALID_INPUT');
    expect(error.details).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it.each([
    ['an unknown value', { visibility: 'hidden' }],
    ['no value', {}],
    ['a non-string', { visibility: true }],
  ])('answers 400 for a visibility of %s and leaves the asset alone', async (_label, body) => {
    const response = await studio.call(`/api/v1/assets/${asset.id}/visibility`, {
      method: 'PUT',
      body,
      ...as(channel),
    });
    const error = await expectApiError(response, 400, 'INVALID_INPUT');
    expect(error.details).toEqual([expect.objectContaining({ path: 'visibility' })]);
    expect((await studio.app.request(`/asset/${asset.id}`)).status).toBe(200);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await studio.call(`/api/v1/assets/${asset.id}/visibility`, {
      method: 'PUT',
      body: '{visibility:',
      ...as(channel),
    });
    await expectApiError(response, 400, 'INVALID_INPUT');
  });
});
