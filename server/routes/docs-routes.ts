import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../errors/index.js';
import { pageHeaders } from '../http/page-headers.js';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Starts Swagger UI on our own document. A file rather than an inline script, so the page keeps
 * working under `script-src 'self'`. Try-it-out is on; the bearer token a user pastes under
 * "Authorize" stays in memory (`persistAuthorization` off) and goes only to our own API.
 */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    tryItOutEnabled: true,
    persistAuthorization: false,
    requestSnippetsEnabled: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 1,
    defaultModelExpandDepth: 3,
    validatorUrl: null,
  });
});
`;

interface DocsFile {
  readonly contentType: string;
  readonly read: () => Promise<string>;
}

/**
 * `GET /docs`: the API reference, Swagger UI served from our own node_modules (nothing from a
 * CDN, so it works offline). Only the files named here are served; each is read once.
 */
export function docsRoutes(options: { publicBaseUrl: string }) {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const { version } = require('swagger-ui-dist/package.json') as { version: string };
  const fromDist = (name: string) => () => readFile(join(dist, name), 'utf8');
  const files = new Map<string, DocsFile>([
    ['swagger-ui.css', { contentType: CSS, read: fromDist('swagger-ui.css') }],
    ['swagger-ui-bundle.js', { contentType: JS, read: fromDist('swagger-ui-bundle.js') }],
    ['docs-init.js', { contentType: JS, read: async () => INIT_SCRIPT }],
  ]);
  // In every file's URL, so a year of caching is safe: a new Swagger UI or a new start-up script
  // makes new URLs, and the page itself is never cached.
  const key = `${version}-${createHash('sha256').update(INIT_SCRIPT).digest('hex').slice(0, 8)}`;
  const base = `/docs/assets/${key}`;
  const contents = new Map<string, Promise<string>>();

  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Streamer Studio API</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<noscript>This reference needs JavaScript. The document it shows is <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/docs-init.js"></script>
</body>
</html>
`;

  // Nothing embeds the API reference, so nothing may frame its "Authorize" dialog.
  return (
    new Hono()
      // Try-it-out calls go to the documented server (PUBLIC_BASE_URL), which may not be the page's own origin.
      .use('/docs', pageHeaders({ framedBy: 'none', connectTo: [new URL(options.publicBaseUrl).origin] }))
      .get('/docs', (c) => {
        c.header('Cache-Control', 'no-cache');
        return c.html(page);
      })
      .get('/docs/assets/:key/:file', async (c) => {
        const name = c.req.param('file');
        const file = files.get(name);
        if (!file || c.req.param('key') !== key) throw new NotFoundError(`no docs file at ${c.req.path}`);
        let body = contents.get(name);
        if (!body) {
          body = file.read();
          contents.set(name, body);
          // A failed read is not remembered: the next request tries again.
          body.catch(() => contents.delete(name));
        }
        c.header('Content-Type', file.contentType);
        c.header('Cache-Control', IMMUTABLE);
        return c.body(await body);
      })
  );
}
