import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppDeps } from '../app-deps.js';
import { StudioError } from '../errors/index.js';
import { pageHeaders } from '../http/page-headers.js';
import { finishTwitchConnect, twitchLoginUrl } from '../use-cases/index.js';

/** A small page for the broadcaster's browser tab; hono's `html` escapes every value put in it. */
const page = (title: string, message: string) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Streamer Studio</title>
  </head>
  <body>
    <h1>${title}</h1>
    <p>${message}</p>
  </body>
</html>`;

/** The refusals these pages know how to say; anything else is the app's `onError`'s to answer. */
const sayable = (error: unknown): error is StudioError =>
  error instanceof StudioError &&
  (error.code === 'TWITCH_CONNECT_FAILED' || error.code === 'TWITCH_NOT_CONFIGURED');

/**
 * `/auth/twitch/login?state=…` (sends a browser tab to Twitch with a live state) and
 * `/auth/twitch/callback` (where Twitch sends it back). Pages, not API: a refusal is a calm page
 * saying why, with its error's status, and never shows a code or token.
 */
export function twitchAuthRoutes(deps: AppDeps) {
  const refuse = (error: unknown) => {
    if (!sayable(error)) throw error;
    return { body: page('Twitch was not connected', error.message), status: error.status as 400 | 409 };
  };
  return new Hono()
    .use('/auth/twitch/*', pageHeaders({ framedBy: 'none' }))
    .use('/auth/twitch/*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/auth/twitch/login', async (c) => {
      try {
        return c.redirect(await twitchLoginUrl(deps, c.req.query('state') ?? ''), 302);
      } catch (error) {
        const { body, status } = refuse(error);
        return c.html(body, status);
      }
    })
    .get('/auth/twitch/callback', async (c) => {
      try {
        const record = await finishTwitchConnect(deps, {
          state: c.req.query('state'),
          code: c.req.query('code'),
          error: c.req.query('error'),
        });
        deps.logger.info(
          { channelId: record.channelId, twitchUserId: record.twitchUserId },
          'twitch connected',
        );
        return c.html(page('Twitch connected', `Connected as ${record.login}; you can close this tab.`), 200);
      } catch (error) {
        const { body, status } = refuse(error);
        deps.logger.info({ reason: (error as Error).message }, 'twitch connect refused');
        return c.html(body, status);
      }
    });
}
