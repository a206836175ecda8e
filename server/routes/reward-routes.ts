import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { ASSET_TYPES } from '../catalogue/index.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { TWITCH_REWARD_LIMITS, TWITCH_REWARD_STATUSES, type TwitchReward } from '../twitch/twitch-reward.js';
import { createReward, deleteReward, listRewards } from '../use-cases/index.js';
import { ERRORS, ErrorSchema, IdParams, json, security } from './schemas.js';

const RewardSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    cost: z.int().openapi({ description: 'Channel points a viewer spends on it.' }),
    assetType: z.enum(ASSET_TYPES).openapi({ description: 'What a redemption makes of the viewer’s text.' }),
    status: z.enum(TWITCH_REWARD_STATUSES).openapi({
      description:
        '`pending` until it is made on Twitch, `active` once it is, `deleting` until it is removed there, `failed` when Twitch refused it.',
    }),
    failureReason: z.string().nullable().openapi({ description: 'Why Twitch refused it, when it did.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('TwitchReward');

const RewardInput = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(1)
      .max(TWITCH_REWARD_LIMITS.titleMax)
      .openapi({ example: 'Make an emote', description: 'Unique on the channel, in any case.' }),
    cost: z
      .int()
      .min(TWITCH_REWARD_LIMITS.costMin)
      .max(TWITCH_REWARD_LIMITS.costMax)
      .openapi({ example: 500 }),
    assetType: z.enum(ASSET_TYPES).openapi({ example: 'emote' }),
  })
  .openapi('TwitchRewardInput');

const toView = (reward: TwitchReward): z.infer<typeof RewardSchema> => ({
  id: reward.id,
  title: reward.title,
  cost: reward.cost,
  assetType: reward.assetType,
  status: reward.status,
  failureReason: reward.failureReason,
  createdAt: reward.createdAt.toISOString(),
  updatedAt: reward.updatedAt.toISOString(),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/twitch/rewards',
    summary: 'The channel’s channel-point rewards that generate assets, newest first',
    security,
    responses: { 200: json(z.object({ items: z.array(RewardSchema) }), 'The rewards'), ...ERRORS },
  }),
  create: createRoute({
    method: 'post',
    path: '/twitch/rewards',
    summary: 'Add a channel-point reward whose redemptions generate an asset from the viewer’s text',
    security,
    request: { body: { required: true, content: { 'application/json': { schema: RewardInput } } } },
    responses: {
      201: json(RewardSchema, 'The reward, pending until it is made on Twitch'),
      ...ERRORS,
      409: {
        description: 'The channel’s Twitch account is not connected',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/twitch/rewards/{id}',
    summary: 'Remove a channel-point reward (from Twitch too, when it was made there)',
    security,
    request: { params: IdParams },
    responses: {
      202: json(RewardSchema, 'The reward, being removed from Twitch'),
      204: { description: 'Gone: it never reached Twitch' },
      ...ERRORS,
    },
  }),
};

/** The channel's channel-point rewards under `/api/v1/twitch`: list, add, remove. */
export function rewardRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.list, async (c) =>
      c.json({ items: (await listRewards(deps, c.get('caller'))).map(toView) }, 200),
    )
    .openapi(routes.create, async (c) =>
      c.json(toView(await createReward(deps, c.get('caller'), c.req.valid('json'))), 201),
    )
    .openapi(routes.remove, async (c) => {
      const reward = await deleteReward(deps, c.get('caller'), c.req.valid('param').id);
      return reward ? c.json(toView(reward), 202) : c.body(null, 204);
    });
}
