import { resolve } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../errors/index.js';
import { BuiltFiles, IMMUTABLE } from '../http/built-files.js';
import { pageHeaders } from '../http/page-headers.js';

/** Where `npm run build` puts the overlay's two pages and their files. */
export const OVERLAY_DIST = resolve(import.meta.dirname, '..', '..', 'dist', 'overlay');

/** The pages reach obs-websocket, wherever the streamer's OBS listens (its address is in the fragment). */
const OBS_SOCKETS = ['ws:', 'wss:'];

/**
 * `/overlay` (the OBS browser source, framable by the setup page's preview) and `/overlay/setup`
 * (builds its URL), served from the build in every mode: the overlay is how assets reach the
 * stream, in production too. Neither page holds a secret: the token and the OBS password come
 * from the URL the streamer pastes, and the fragment holding the password is never sent here.
 */
export function overlayRoutes(options: { distDir?: string } = {}) {
  const built = new BuiltFiles(options.distDir ?? OVERLAY_DIST);
  const page = async (name: string) => (await built.read(name)).toString('utf8');
  return new Hono()
    .use('/overlay', pageHeaders({ framedBy: 'self', connectTo: OBS_SOCKETS }))
    .get('/overlay', async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(await page('index.html'));
    })
    .use('/overlay/setup', pageHeaders({ framedBy: 'none', connectTo: OBS_SOCKETS }))
    .get('/overlay/setup', async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(await page('setup.html'));
    })
    .get('/overlay/assets/:file', async (c) => {
      const name = `assets/${c.req.param('file')}`;
      const type = built.contentType(name);
      if (!type) throw new NotFoundError(`no overlay file ${name}`);
      c.header('Content-Type', type);
      c.header('Cache-Control', IMMUTABLE);
      return c.body(new Uint8Array(await built.read(name)));
    });
}
