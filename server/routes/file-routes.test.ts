import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { PUBLIC_FILE_CACHE_CONTROL } from '../http/http-cache.js';
import { createLogger } from '../logging/logger.js';
import { LocalStorageDriver } from '../storage/local-storage.js';
import type { FileRequest, FileServer } from '../storage/storage-driver.js';
import { fileRoutes } from './file-routes.js';

const NOW = Date.UTC(2025, 0, 1);
let clock = NOW;
let root: string;
let driver: LocalStorageDriver;
let app: Hono;

beforeEach(async () => {
  clock = NOW;
  root = await mkdtemp(path.join(tmpdir(), 'studio-files-'));
  driver = new LocalStorageDriver({
    root,
    publicBaseUrl: 'http://localhost:8787',
    signingKey: Buffer.alloc(32, 1),
    now: () => clock,
  });
  // Mounted as createApp mounts it, behind the app's one error handler.
  app = new Hono();
  app.onError(errorHandler(createLogger('silent')));
  app.notFound(notFound);
  app.route(driver.fileServer.mountPath, fileRoutes(driver.fileServer));
  await driver.put({
    key: 'ch/a/112.png',
    visibility: 'public',
    data: Buffer.from('PNGDATA'),
    contentType: 'image/png',
  });
  await driver.put({
    key: 'ch/p/56.png',
    visibility: 'private',
    data: Buffer.from('SECRET'),
    contentType: 'image/png',
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectNotFound(url: string) {
  const response = await app.request(url);
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such file' } });
}

function local(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

describe('GET /files/public/*', () => {
  it('serves a public file with its type, a short public cache and a strong ETag', async () => {
    const response = await app.request('/files/public/ch/a/112.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE_CONTROL);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await response.text()).toBe('PNGDATA');
  });

  it('answers 304 when the ETag matches, and 200 once the file changed', async () => {
    const etag = (await app.request('/files/public/ch/a/112.png')).headers.get('etag') ?? '';
    const cached = await app.request('/files/public/ch/a/112.png', { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(await cached.text()).toBe('');
    const weak = await app.request('/files/public/ch/a/112.png', {
      headers: { 'If-None-Match': `"x", W/${etag}` },
    });
    expect(weak.status).toBe(304);
    await driver.put({
      key: 'ch/a/112.png',
      visibility: 'public',
      data: Buffer.from('PNGDATB'),
      contentType: 'image/png',
    });
    const changed = await app.request('/files/public/ch/a/112.png', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe('PNGDATB');
  });

  it('does not serve private files or missing ones', async () => {
    await expectNotFound('/files/public/ch/p/56.png');
    await expectNotFound('/files/public/ch/none.png');
    await expectNotFound('/files/public/ch/a');
  });

  it.each([
    '/files/public/..%2F..%2Fetc%2Fpasswd',
    '/files/public/..%2Fprivate%2Fch%2Fp%2F56.png',
    '/files/public/%2e%2e%2Fprivate%2Fch%2Fp%2F56.png',
    '/files/public/ch%2F..%2F..%2Fsecret.png',
    '/files/public/..%5Csecret.png',
    '/files/public/ch/%00.png',
    '/files/public/ch/.112.png.tmp',
    '/files/public//ch/a/112.png',
    '/files/other/ch/a/112.png',
  ])('refuses %s', async (url) => {
    await writeFile(path.join(root, 'secret.png'), 'outside');
    const response = await app.request(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/outside|SECRET|root/);
  });
});

describe('GET /files/private/*', () => {
  it('refuses a private file without a signature, as if it did not exist', async () => {
    await expectNotFound('/files/private/ch/p/56.png');
    await expectNotFound('/files/private/ch/p/56.png?expires=99999999999&signature=abc');
  });

  it('serves a private file with a valid signature and caches it only until it expires', async () => {
    const url = local(await driver.signedUrl('ch/p/56.png', 'private', 600));
    clock += 100_000;
    const response = await app.request(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=500');
    expect(await response.text()).toBe('SECRET');
  });

  it('refuses an expired signature', async () => {
    const url = local(await driver.signedUrl('ch/p/56.png', 'private', 600));
    clock += 600_000;
    await expectNotFound(url);
  });

  it('refuses a signature made for another file or for the public side', async () => {
    await driver.put({
      key: 'ch/p/28.png',
      visibility: 'private',
      data: Buffer.from('S2'),
      contentType: 'image/png',
    });
    const other = local(await driver.signedUrl('ch/p/28.png', 'private', 600));
    await expectNotFound(other.replace('28.png', '56.png'));
    const publicSigned = local(await driver.signedUrl('ch/p/56.png', 'public', 600));
    await expectNotFound(publicSigned.replace('/public/', '/private/'));
  });

  it('answers a signed URL for a missing file exactly like a bad signature', async () => {
    await expectNotFound(local(await driver.signedUrl('ch/p/none.png', 'private', 600)));
  });

  it.each(['expires=1e12', 'expires=-5', 'expires=&signature=', 'signature=x'])(
    'refuses the query %s',
    async (q) => {
      await expectNotFound(`/files/private/ch/p/56.png?${q}`);
    },
  );

  it('serves public files through signed URLs too, cached as public files', async () => {
    const response = await app.request(local(await driver.signedUrl('ch/a/112.png', 'public', 60)));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FILE_CACHE_CONTROL);
  });
});

describe('fileRoutes with any FileServer', () => {
  it('passes the request on as the driver sees it and serves what it answers', async () => {
    const requests: FileRequest[] = [];
    const server: FileServer = {
      mountPath: '/elsewhere',
      open: async (request) => {
        requests.push(request);
        return { data: Buffer.from('W'), contentType: 'image/webp', expiresInSeconds: 42 };
      },
    };
    const other = new Hono().route(server.mountPath, fileRoutes(server));
    const response = await other.request('/elsewhere/private/a/b.webp?expires=9&signature=s&x=1');
    expect(requests).toEqual([{ visibility: 'private', key: 'a/b.webp', expires: '9', signature: 's' }]);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('private, max-age=42');
    expect(await response.text()).toBe('W');
  });
});
