import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import {
  type ApiTokenRecord,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../auth/api-token-store.js';
import { ensureChannel } from '../channels/channel-store.js';
import { NotFoundError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { requireRole } from '../http/authenticate.js';
import { validationHook } from '../http/validation-hook.js';
import { ERRORS, IdParams, json, security } from './schemas.js';

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['broadcaster', 'moderator', 'viewer']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const toView = (record: ApiTokenRecord) => ({
  id: record.id,
  name: record.name,
  role: record.role,
  createdAt: record.createdAt.toISOString(),
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  revokedAt: record.revokedAt?.toISOString() ?? null,
});

const routes = {
  create: createRoute({
    method: 'post',
    path: '/tokens',
    summary: 'Make an API token for scripts or the OBS overlay (shown once)',
    security,
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.strictObject({
              name: z.string().trim().min(1).max(60),
              role: z.enum(['broadcaster', 'viewer']).default('viewer'),
            }),
          },
        },
      },
    },
    responses: {
      201: json(
        TokenSchema.extend({ token: z.string() }),
        'The token; store it now, it cannot be shown again',
      ),
      ...ERRORS,
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/tokens',
    summary: 'The channel’s API tokens (never the tokens themselves)',
    security,
    responses: { 200: json(z.object({ items: z.array(TokenSchema) }), 'API tokens'), ...ERRORS },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    summary: 'Revoke an API token; it stops working at once',
    security,
    request: { params: IdParams },
    responses: { 200: json(TokenSchema, 'The revoked token'), ...ERRORS },
  }),
};

/** Per-channel API tokens, stored hashed and revocable, managed by the broadcaster. */
export function tokenRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/tokens', requireRole('broadcaster'));
  app.use('/tokens/*', requireRole('broadcaster'));
  return app
    .openapi(routes.create, async (c) => {
      const { channelId } = c.get('caller');
      await ensureChannel(db, channelId);
      const { token, record } = await createApiToken(db, channelId, c.req.valid('json'));
      return c.json({ ...toView(record), token }, 201);
    })
    .openapi(routes.list, async (c) => {
      const records = await listApiTokens(db, c.get('caller').channelId);
      return c.json({ items: records.map(toView) }, 200);
    })
    .openapi(routes.revoke, async (c) => {
      const record = await revokeApiToken(db, c.get('caller').channelId, c.req.valid('param').id);
      if (!record) throw new NotFoundError('no such API token on this channel');
      return c.json(toView(record), 200);
    });
}
