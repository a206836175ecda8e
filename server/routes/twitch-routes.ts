import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import type { TwitchConnectionRecord } from '../twitch/twitch-connection-store.js';
import { disconnectTwitch, readTwitchConnection, startTwitchConnect } from '../use-cases/index.js';
import { ERRORS, ErrorSchema, json, security } from './schemas.js';

const ConnectionSchema = z
  .object({
    status: z.enum(['not_connected', 'connected', 'broken']),
    login: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    reason: z
      .string()
      .optional()
      .openapi({ description: 'Why the connection is broken: connect again to mend it.' }),
    connectedAt: z.string().optional(),
  })
  .openapi('TwitchConnection');

const toView = (record: TwitchConnectionRecord | null): z.infer<typeof ConnectionSchema> =>
  record
    ? {
        status: record.status,
        login: record.login,
        scopes: [...record.scopes],
        ...(record.brokenReason ? { reason: record.brokenReason } : {}),
        connectedAt: record.connectedAt.toISOString(),
      }
    : { status: 'not_connected' };

const routes = {
  connect: createRoute({
    method: 'post',
    path: '/twitch/connect',
    summary:
      'Start connecting the channel’s Twitch account for chat and channel points (broadcaster, in the extension)',
    security,
    responses: {
      200: json(
        z.object({
          url: z
            .string()
            .openapi({ description: 'Twitch’s authorize page, with a state good once for ten minutes.' }),
          loginUrl: z
            .string()
            .openapi({ description: 'The same, through this server: open it in a browser tab.' }),
        }),
        'Where to send the broadcaster',
      ),
      ...ERRORS,
      409: {
        description: 'Twitch is not configured on this server',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  }),
  read: createRoute({
    method: 'get',
    path: '/twitch/connection',
    summary: 'Whether the channel’s Twitch account is connected, and why not when it broke',
    security,
    responses: { 200: json(ConnectionSchema, 'The connection'), ...ERRORS },
  }),
  disconnect: createRoute({
    method: 'delete',
    path: '/twitch/connection',
    summary: 'Forget the channel’s Twitch tokens (and revoke them at Twitch)',
    security,
    responses: { 200: json(ConnectionSchema, 'The connection, now gone'), ...ERRORS },
  }),
};

/** The channel's Twitch connection under `/api/v1`: start connecting, read it, forget it. */
export function twitchRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.connect, async (c) => c.json(await startTwitchConnect(deps, c.get('caller')), 200))
    .openapi(routes.read, async (c) => c.json(toView(await readTwitchConnection(deps, c.get('caller'))), 200))
    .openapi(routes.disconnect, async (c) => {
      await disconnectTwitch(deps, c.get('caller'));
      return c.json(toView(null), 200);
    });
}
