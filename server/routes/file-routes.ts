import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { NotFoundError } from '../errors/index.js';
import { matchesEtag, PUBLIC_FILE_CACHE_CONTROL } from '../http/http-cache.js';
import type { FileServer, ServedFile } from '../storage/storage-driver.js';
import type { Visibility } from '../vocabulary/index.js';

// One message for every refusal, so a response never tells whether a private file exists.
function notFound(): NotFoundError {
  return new NotFoundError('no such file');
}

function serveFile(c: Context, file: ServedFile): Response {
  // A content hash, not size+mtime: `put` may overwrite a key within the same millisecond with
  // a same-sized file, and a hash stays right across copies and restores of DATA_DIR.
  const etag = `"${createHash('sha256').update(file.data).digest('base64url')}"`;
  const headers = {
    ETag: etag,
    'Cache-Control':
      file.expiresInSeconds === null
        ? PUBLIC_FILE_CACHE_CONTROL
        : `private, max-age=${file.expiresInSeconds}`,
    'X-Content-Type-Options': 'nosniff',
  };
  if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.data), 200, { ...headers, 'Content-Type': file.contentType });
}

/**
 * Serves the files of a driver whose URLs point back at this server; mount at `server.mountPath`.
 * Public files go to anyone, cached briefly; private ones only with a valid, unexpired
 * signature. Anything else is the same 404.
 */
export function fileRoutes(server: FileServer): Hono {
  const app = new Hono();
  const handler = (visibility: Visibility) =>
    async function serveStoredFile(c: Context) {
      const file = await server.open({
        visibility,
        key: c.req.param('key') ?? '',
        expires: c.req.query('expires'),
        signature: c.req.query('signature'),
      });
      if (!file) throw notFound();
      return serveFile(c, file);
    };
  app.get('/public/:key{.+}', handler('public'));
  app.get('/private/:key{.+}', handler('private'));
  return app;
}
