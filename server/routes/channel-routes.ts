import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { type ChannelSettings, readChannel, updateChannel } from '../use-cases/index.js';
import { ERRORS, json, security } from './schemas.js';

const ChannelSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    allowModeratorGenerate: z
      .boolean()
      .openapi({ description: 'Whether the channel’s moderators may generate assets from the panel.' }),
    dailyGenerationBudget: z.int().nullable().openapi({
      description:
        'Generations the channel may queue per UTC day, from every trigger (panel, API, chat, channel points); null is no budget. Until the broadcaster sets one, the server’s DAILY_GENERATION_BUDGET.',
    }),
    generationsToday: z.int().openapi({
      description:
        'Generations queued today (UTC) that count against the budget; jobs that failed or were cancelled before they ran gave theirs back.',
    }),
    budgetResetsAt: z
      .string()
      .openapi({ description: 'When today’s count starts again from 0 (the next 00:00 UTC).' }),
    createdAt: z.string(),
  })
  .openapi('Channel');

const ChannelPatch = z
  .strictObject({
    allowModeratorGenerate: z.boolean().optional(),
    dailyGenerationBudget: z
      .int()
      .min(0)
      .max(1_000_000)
      .nullable()
      .optional()
      .openapi({ description: 'Generations per UTC day, 0 to 1000000; null for no budget.' }),
  })
  .openapi('ChannelSettingsInput');

const toView = ({ channel, budget }: ChannelSettings) => ({
  id: channel.id,
  displayName: channel.displayName,
  allowModeratorGenerate: channel.allowModeratorGenerate,
  dailyGenerationBudget: budget.daily,
  generationsToday: budget.usedToday,
  budgetResetsAt: budget.resetsAt.toISOString(),
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
    summary: 'Change the channel’s settings (who may generate, the daily generation budget)',
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
