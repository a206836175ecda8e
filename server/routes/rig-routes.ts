import { resolve } from 'node:path';
import { Hono } from 'hono';
import { TWITCH_HELPER_URL } from '../../manifest/twitch-helper.js';
import { signExtensionJwt } from '../auth/extension-jwt.js';
import { InvalidInputError, NotFoundError } from '../errors/index.js';
import { BuiltFiles, IMMUTABLE } from '../http/built-files.js';
import { pageHeaders } from '../http/page-headers.js';
import { ROLES } from '../vocabulary/index.js';

/** Where `npm run build` puts the extension's views, the rig page and the helper's stand-in. */
export const EXTENSION_DIST = resolve(import.meta.dirname, '..', '..', 'dist', 'extension');

/** The channel every rig view belongs to: the one local mode's banner token is for. */
export const RIG_CHANNEL = 'local';
const TOKEN_TTL_SECONDS = 60 * 60;

export interface RigRoutesOptions {
  /** Local mode's dev secret: the rig signs its views' extension JWTs with it. */
  readonly extensionSecret: string;
  readonly distDir?: string;
}

/**
 * `/rig`: every view of the extension side by side, served from the build with Twitch's helper
 * swapped for a stand-in that hands out tokens this server signs. Mounted in local mode only,
 * where the server already prints a broadcaster token for anyone at the terminal.
 */
export function rigRoutes(options: RigRoutesOptions) {
  const built = new BuiltFiles(options.distDir ?? EXTENSION_DIST);

  /** A built view, with Twitch's helper replaced by the rig's stand-in beside it. */
  const page = async (name: string) =>
    (await built.read(name)).toString('utf8').replace(TWITCH_HELPER_URL, './twitch-ext.js');

  return new Hono()
    .get('/rig', (c) => c.redirect('/rig/', 302))
    .use('/rig/', pageHeaders({ framedBy: 'none' }))
    .get('/rig/', async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(await page('rig.html'));
    })
    .get('/rig/token', (c) => {
      const role = c.req.query('role') ?? 'viewer';
      if (!(ROLES as readonly string[]).includes(role))
        throw new InvalidInputError(`role must be one of ${ROLES.join(', ')}`, [
          { path: 'role', message: 'unknown role' },
        ]);
      const expiresInSeconds = TOKEN_TTL_SECONDS;
      const userId = role === 'broadcaster' ? RIG_CHANNEL : `rig-${role}`;
      const token = signExtensionJwt(
        {
          channel_id: RIG_CHANNEL,
          opaque_user_id: `U${userId}`,
          user_id: userId,
          role: role as (typeof ROLES)[number],
          exp: Math.floor(Date.now() / 1000) + expiresInSeconds,
        },
        options.extensionSecret,
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ token, channelId: RIG_CHANNEL, userId, clientId: 'local-rig', expiresInSeconds });
    })
    .use('/rig/*', pageHeaders({ framedBy: 'self' }))
    .get('/rig/:path{.+}', async (c) => {
      const name = c.req.param('path');
      const type = built.contentType(name);
      if (!type) throw new NotFoundError(`no rig file ${name}`);
      if (name.endsWith('.html')) {
        c.header('Cache-Control', 'no-cache');
        return c.html(await page(name));
      }
      // The stand-in keeps its name, so it is revalidated.
      c.header('Cache-Control', name.startsWith('assets/') ? IMMUTABLE : 'no-cache');
      c.header('Content-Type', type);
      return c.body(new Uint8Array(await built.read(name)));
    });
}
