import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { Channel } from '../channels/channel.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { readChannel, updateChannel } from '../use-cases/index.js';
import { ERRORS, json, security } from './schemas.js';

const ChannelSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    allowModeratorGenerate: z
      .boolean()
      .openapi({ description: 'Whether the channel’s moderators may generate assets from the panel.' }),
    createdAt: z.string(),
  })
  .openapi('Channel');

const ChannelPatch = z
  .strictObject({ allowModeratorGenerate: z.boolean().optional() })
  .openapi('ChannelSettingsInput');

const toView = (channel: Channel) => ({
  id: channel.id,
  displayName: channel.displayName,
  allowModeratorGenerate: channel.allowModeratorGenerate,
  createdAt: channel.createdAt.toISOString(),
});

const routes = {
  get: createRoute({
    method: 'get',
    path: '/channel',
    summary: 'The caller’s channel and its settings',
    security,
    responses: { 200: json(ChannelSchema, 'The channel'), ...ERRORS },
  }),
  update: createRoute({
    method: 'put',
    path: '/channel',
    summary: 'Change the channel’s settings (who may generate)',
    security,
    request: { body: { required: true, content: { 'application/json': { schema: ChannelPatch } } } },
    responses: { 200: json(ChannelSchema, 'The channel'), ...ERRORS },
  }),
};

/** `GET/PUT /channel`: the channel's settings, changed by its broadcaster. */
export function channelRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.get, async (c) => c.json(toView(await readChannel(deps, c.get('caller'))), 200))
    .openapi(routes.update, async (c) => {
      const channel = await updateChannel(deps, c.get('caller'), c.req.valid('json'));
      return c.json(toView(channel), 200);
    });
}
