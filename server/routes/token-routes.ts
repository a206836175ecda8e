import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { ApiTokenRecord } from '../auth/api-token-store.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { createToken, readTokens, revokeToken } from '../use-cases/index.js';
import { ROLES } from '../vocabulary/index.js';
import { ERRORS, IdParams, json, security } from './schemas.js';

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
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
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.create, async (c) => {
      const { token, record } = await createToken(deps, c.get('caller'), c.req.valid('json'));
      return c.json({ ...toView(record), token }, 201);
    })
    .openapi(routes.list, async (c) => {
      const records = await readTokens(deps, c.get('caller'));
      return c.json({ items: records.map(toView) }, 200);
    })
    .openapi(routes.revoke, async (c) => {
      const record = await revokeToken(deps, c.get('caller'), c.req.valid('param').id);
      return c.json(toView(record), 200);
    });
}
