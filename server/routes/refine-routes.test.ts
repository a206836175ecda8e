import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAsset } from '../assets/asset-store.js';
import type { AssetView } from '../assets/asset-view.js';
import { assets } from '../db/schema.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { filesOn } from '../testing/files-on.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

let studio: TestStudio;
let channel = 4100;
const next = () => String(++channel);

beforeAll(async () => {
  studio = await createTestStudio();
});
afterAll(async () => {
  await studio.close();
});

/** Fetches one of the URLs the API hands out, through the app (no real port). */
const fetchUrl = (url: string) => {
  const { pathname, search } = new URL(url);
  return studio.app.request(pathname + search);
};

/** Refines `id` on `channelId` and waits for the new asset. */
async function refine(channelId: string, id: string, instruction: string): Promise<AssetView> {
  const token = studio.token(channelId);
  const response = await studio.call(`/api/v1/assets/${id}/refine`, { token, body: { instruction } });
  expect(response.status, await response.clone().text()).toBe(202);
  const job = (await response.json()) as { id: string; parentAssetId?: string; prompt: string };
  expect(job).toMatchObject({ parentAssetId: id, prompt: instruction });
  const done = await studio.settle(channelId, job.id);
  expect(done.status, String(done.errorMessage)).toBe('completed');
  const made = (await (await studio.call(`/api/v1/jobs/${job.id}/assets`, { token })).json()) as {
    items: AssetView[];
  };
  return made.items[0]!;
}

const versions = async (channelId: string, id: string, role?: 'viewer') => {
  const response = await studio.call(`/api/v1/assets/${id}/versions`, {
    token: studio.token(channelId, role),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: AssetView[] }).items;
};

const sourceOf = async (channelId: string, id: string) =>
  (await getAsset(studio.database.db, channelId, id))!.source!;

describe('the kept source', () => {
  it('is stored privately beside the files, never listed, never public, and goes with the asset', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'public' });
    const source = await sourceOf(channelId, asset.id);
    expect(source).toEqual({ storageKey: `assets/${asset.id}/source.png`, contentType: 'image/png' });
    expect(await studio.storage.read(source.storageKey, 'private')).not.toBeNull();
    expect(await studio.storage.read(source.storageKey, 'public')).toBeNull();
    expect(asset.files.map((file) => file.url).join(' ')).not.toContain('source');
    expect(asset.files).toHaveLength(3);
    expect(asset.parentAssetId).toBeNull();

    // No public way to it: the public file route, /asset/:id with any size, the public gallery.
    expect((await fetchUrl(studio.storage.publicUrl(source.storageKey))).status).toBe(404);
    const served = await studio.app.request(`/asset/${asset.id}`);
    expect(served.status).toBe(200);
    const original = await studio.storage.read(source.storageKey, 'private');
    expect(Buffer.from(await served.arrayBuffer()).equals(original!)).toBe(false);
    expect((await studio.app.request(`/asset/${asset.id}?size=1024x1024`)).status).toBe(404);

    // Publishing and hiding move the files, never the source.
    const token = studio.token(channelId);
    for (const visibility of ['private', 'public', 'private'] as const) {
      const moved = await studio.call(`/api/v1/assets/${asset.id}/visibility`, {
        method: 'PUT',
        token,
        body: { visibility },
      });
      expect(moved.status).toBe(200);
      expect(await studio.storage.read(source.storageKey, 'private')).not.toBeNull();
      expect(await studio.storage.read(source.storageKey, 'public')).toBeNull();
    }
    expect((await filesOn(join(studio.dataDir, 'assets'))).filter((f) => f.includes(asset.id))).toContain(
      `private/assets/${asset.id}/source.png`,
    );

    expect((await studio.call(`/api/v1/assets/${asset.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await filesOn(join(studio.dataDir, 'assets'))).filter((f) => f.includes(asset.id))).toEqual([]);
  });
});

describe('POST /assets/:id/refine', () => {
  it('makes a new emote from the parent, linked to it, whose pixels differ', async () => {
    const channelId = next();
    const parent = await makeAsset(studio, channelId, { visibility: 'private' });
    const child = await refine(channelId, parent.id, 'add a tiny crown');
    expect(child).toMatchObject({ assetType: 'emote', visibility: 'private', parentAssetId: parent.id });
    expect(child.files.map((f) => [f.width, f.height])).toEqual(parent.files.map((f) => [f.width, f.height]));
    const pixels = async (view: AssetView) =>
      sharp(Buffer.from(await (await fetchUrl(view.files[0]!.url)).arrayBuffer()))
        .raw()
        .toBuffer();
    const [before, after] = await Promise.all([pixels(parent), pixels(child)]);
    expect(before.length).toBe(after.length);
    let changed = 0;
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) changed++;
    expect(changed / before.length).toBeGreaterThan(0.02);
    // The child keeps a source of its own, so it can be refined in turn.
    expect((await sourceOf(channelId, child.id)).storageKey).toBe(`assets/${child.id}/source.png`);
  });

  it('answers 404 for a missing asset and for another channel’s', async () => {
    const owner = next();
    const asset = await makeAsset(studio, owner, { visibility: 'public' });
    const other = next();
    const body = { instruction: 'make it blue' };
    await expectApiError(
      await studio.call(`/api/v1/assets/${asset.id}/refine`, { token: studio.token(other), body }),
      404,
      'NOT_FOUND',
    );
    await expectApiError(
      await studio.call('/api/v1/assets/0f8fad5b-d9cb-469f-a165-70867728950e/refine', {
        token: studio.token(owner),
        body,
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('answers 400 naming the field for a bad instruction', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'private' });
    const call = (body: unknown) =>
      studio.call(`/api/v1/assets/${asset.id}/refine`, { token: studio.token(channelId), body });
    for (const body of [{}, { instruction: '' }, { instruction: 'x'.repeat(5000) }, { instruction: 7 }]) {
      const error = await expectApiError(await call(body), 400, 'INVALID_INPUT');
      expect(JSON.stringify(error.details)).toContain('instruction');
    }
    // Left empty by the sanitizer: refused now, not as a failed job later.
    await expectApiError(await call({ instruction: '{{ }}\u0000' }), 400, 'INVALID_INPUT');
  });

  it('answers 409 SOURCE_MISSING for an asset made before sources were kept', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'private' });
    await studio.database.db
      .update(assets)
      .set({ sourceKey: null, sourceContentType: null })
      .where(eq(assets.id, asset.id));
    await expectApiError(
      await studio.call(`/api/v1/assets/${asset.id}/refine`, {
        token: studio.token(channelId),
        body: { instruction: 'make it blue' },
      }),
      409,
      'SOURCE_MISSING',
    );
    expect((await studio.call(`/api/v1/assets/${asset.id}`, { token: studio.token(channelId) })).status).toBe(
      200,
    );
  });

  it('fails the job with SOURCE_MISSING when the source vanished before it ran', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'private' });
    await studio.storage.remove([(await sourceOf(channelId, asset.id)).storageKey], 'private');
    const response = await studio.call(`/api/v1/assets/${asset.id}/refine`, {
      token: studio.token(channelId),
      body: { instruction: 'make it blue' },
    });
    const { id } = (await response.json()) as { id: string };
    expect(await studio.settle(channelId, id)).toMatchObject({
      status: 'failed',
      errorCode: 'SOURCE_MISSING',
    });
  });

  it('counts against the daily budget', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'private' });
    const token = studio.token(channelId);
    const set = await studio.call('/api/v1/channel', {
      method: 'PUT',
      token,
      body: { dailyGenerationBudget: 2 },
    });
    expect(set.status).toBe(200);
    await refine(channelId, asset.id, 'make it blue');
    await expectApiError(
      await studio.call(`/api/v1/assets/${asset.id}/refine`, { token, body: { instruction: 'make it red' } }),
      429,
      'BUDGET_EXHAUSTED',
    );
  });

  it('is refused to viewers', async () => {
    const channelId = next();
    const asset = await makeAsset(studio, channelId, { visibility: 'public' });
    const response = await studio.call(`/api/v1/assets/${asset.id}/refine`, {
      token: studio.token(channelId, 'viewer'),
      body: { instruction: 'make it blue' },
    });
    expect(response.status).toBe(403);
  });
});

describe('GET /assets/:id/versions', () => {
  it('lists the root and every refinement oldest first, from any member of the line; viewers see public ones', async () => {
    const channelId = next();
    const root = await makeAsset(studio, channelId, { visibility: 'public' });
    const child = await refine(channelId, root.id, 'add a tiny crown');
    const grandchild = await refine(channelId, child.id, 'make the crown gold');
    const sibling = await refine(channelId, root.id, 'add sunglasses');
    const unrelated = await makeAsset(studio, channelId, { visibility: 'public' });
    const line = [root.id, child.id, grandchild.id, sibling.id];
    for (const id of line) expect((await versions(channelId, id)).map((a) => a.id)).toEqual(line);
    const parents = (await versions(channelId, grandchild.id)).map((a) => a.parentAssetId);
    expect(parents).toEqual([null, root.id, child.id, root.id]);
    expect((await versions(channelId, unrelated.id)).map((a) => a.id)).toEqual([unrelated.id]);

    const hidden = await studio.call(`/api/v1/assets/${child.id}/visibility`, {
      method: 'PUT',
      token: studio.token(channelId),
      body: { visibility: 'private' },
    });
    expect(hidden.status).toBe(200);
    expect((await versions(channelId, grandchild.id, 'viewer')).map((a) => a.id)).toEqual([
      root.id,
      grandchild.id,
      sibling.id,
    ]);
    await expectApiError(
      await studio.call(`/api/v1/assets/${child.id}/versions`, { token: studio.token(channelId, 'viewer') }),
      404,
      'NOT_FOUND',
    );
    await expectApiError(
      await studio.call(`/api/v1/assets/${root.id}/versions`, { token: studio.token(next()) }),
      404,
      'NOT_FOUND',
    );
  }, 60_000);
});
