import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { NotFoundError } from '../errors/index.js';
import { matchesEtag, PUBLIC_FILE_CACHE_CONTROL } from '../http/http-cache.js';
import type { LocalStorageDriver } from './local-storage.js';
import { isStorageKey } from './storage-key.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const EXPIRES = /^\d{1,12}$/;

/** The Content-Type a file is served with, from its key's extension. */
export function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

// One message for every refusal, so a response never tells whether a private file exists.
function notFound(): NotFoundError {
  return new NotFoundError('no such file');
}

function serveFile(c: Context, key: string, data: Buffer, cacheControl: string): Response {
  // A content hash, not size+mtime: `put` may overwrite a key within the same millisecond with
  // a same-sized file, and a hash stays right across copies and restores of DATA_DIR.
  const etag = `"${createHash('sha256').update(data).digest('base64url')}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  };
  if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(new Uint8Array(data), 200, { ...headers, 'Content-Type': contentTypeOf(key) });
}

/**
 * Serves local-disk asset files; mount at `/files`. Public files are served to anyone, cached
 * briefly; private ones only with a valid, unexpired signature. Anything else is a 404.
 */
export function localFileRoutes(driver: LocalStorageDriver): Hono {
  const app = new Hono();

  app.get('/public/:key{.+}', async function publicFile(c) {
    const key = c.req.param('key');
    if (!isStorageKey(key)) throw notFound();
    const data = await driver.read(key, 'public');
    if (data === null) throw notFound();
    return serveFile(c, key, data, PUBLIC_FILE_CACHE_CONTROL);
  });

  app.get('/private/:key{.+}', async function privateFile(c) {
    const key = c.req.param('key');
    const expires = c.req.query('expires');
    const signature = c.req.query('signature');
    if (!isStorageKey(key) || !expires || !EXPIRES.test(expires) || !signature) throw notFound();
    if (!driver.verifySignature('private', key, Number(expires), signature)) throw notFound();
    const data = await driver.read(key, 'private');
    if (data === null) throw notFound();
    const remaining = Math.max(0, Number(expires) - Math.floor(driver.now() / 1000));
    return serveFile(c, key, data, `private, max-age=${remaining}`);
  });

  return app;
}
