import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset } from '../assets/asset-store.js';
import { createJob } from '../jobs/job-store.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { PUBLIC_FILE_CACHE_CONTROL } from './http-cache.js';
import { responseHeaders } from './response-headers.js';

/** Asserts what every answer carries, whatever route made it. */
function expectBaseHeaders(response: Response, where: string) {
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
  expect(response.headers.get('x-powered-by'), where).toBeNull();
}

describe('responseHeaders', () => {
  const app = new Hono();
  app.onError((error, c) =>
    c.json({ error: error.message }, error instanceof HTTPException ? error.status : 500),
  );
  app.use(responseHeaders());
  app.get('/plain', (c) => c.json({ ok: true }));
  app.get('/cached', (c) => c.text('file', 200, { 'Cache-Control': 'public, max-age=300' }));
  app.get('/powered', (c) => c.text('x', 200, { 'X-Powered-By': 'Express' }));
  app.get('/own-referrer', (c) => c.text('x', 200, { 'Referrer-Policy': 'same-origin' }));
  app.get('/cached-then-fails', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    throw new HTTPException(404, { message: 'gone' });
  });

  it('says nosniff and no-referrer, and stores nothing a route said nothing about', async () => {
    const response = await app.request('/plain');
    expectBaseHeaders(response, '/plain');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the Cache-Control a route chose', async () => {
    expect((await app.request('/cached')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('drops X-Powered-By', async () => {
    expectBaseHeaders(await app.request('/powered'), '/powered');
  });

  it('keeps a Referrer-Policy a page chose', async () => {
    expect((await app.request('/own-referrer')).headers.get('referrer-policy')).toBe('same-origin');
  });

  it('never lets an error be stored, even after its route asked for caching', async () => {
    for (const path of ['/cached-then-fails', '/nowhere']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expectBaseHeaders(response, path);
    }
  });
});

describe('the app’s answers outside /api/v1', () => {
  let studio: TestStudio;
  let assetId: string;
  let fileUrl: string;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
    const { job } = await createJob(studio.database.db, {
      channelId: 'headers-public',
      assetType: 'emote',
      prompt: 'a frog',
      brandKitId: null,
      visibility: 'public',
    });
    assetId = randomUUID();
    const storageKey = `headers-public/${assetId}/28x28.png`;
    await studio.storage.put({
      key: storageKey,
      data: Buffer.from('png!'),
      contentType: 'image/png',
      visibility: 'public',
    });
    await insertAsset(studio.database.db, {
      id: assetId,
      jobId: job.id,
      channelId: 'headers-public',
      assetType: 'emote',
      visibility: 'public',
      files: [{ width: 28, height: 28, bytes: 4, contentType: 'image/png', storageKey }],
    });
    fileUrl = new URL(studio.storage.publicUrl(storageKey)).pathname;
  });
  afterAll(() => studio.close());

  it('keeps the public caching of /asset/:id, on 200 and on 304', async () => {
    const response = await studio.app.request(`/asset/${assetId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE_CONTROL);
    expect(response.headers.get('vary')).toBeNull();
    expectBaseHeaders(response, '/asset/:id');
    const etag = response.headers.get('etag')!;
    const again = await studio.app.request(`/asset/${assetId}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE_CONTROL);
  });

  it('keeps the public caching of /files/public/…', async () => {
    const response = await studio.app.request(fileUrl);
    expect(response.status, fileUrl).toBe(200);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE_CONTROL);
    expectBaseHeaders(response, fileUrl);
  });

  it.each([
    ['/healthz', 200],
    ['/openapi.json', 200],
    [`/asset/${randomUUID()}`, 404],
    ['/asset/not-a-uuid', 400],
    ['/files/public/../../etc/passwd', 404],
    ['/nope', 404],
  ])('never stores %s (%i)', async (path, status) => {
    const response = await studio.app.request(path);
    expect(response.status, path).toBe(status);
    expect(response.headers.get('cache-control'), path).toBe('no-store');
    expect(response.headers.get('content-security-policy'), path).toBeNull();
    expectBaseHeaders(response, path);
  });
});
