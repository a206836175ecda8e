import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { ACTIONS } from '../policy/index.js';
import { readCapabilities } from '../use-cases/index.js';
import { ROLES } from '../vocabulary/index.js';
import { ERRORS, json, security } from './schemas.js';

const CapabilitiesSchema = z
  .object({
    channelId: z
      .string()
      .openapi({ example: '123456789', description: 'The channel the credential is for.' }),
    role: z.enum(ROLES).openapi({ example: 'moderator' }),
    permissions: z.record(z.enum(ACTIONS), z.boolean()).openapi({
      example: { 'job.create': true, 'asset.delete': false },
      description:
        'Every action of the permission policy, and whether this caller may take it now (moderators ' +
        'generate only when the broadcaster allows it). Faces use it to show only what would be allowed.',
    }),
  })
  .openapi('Capabilities');

const route = createRoute({
  method: 'get',
  path: '/me',
  summary: 'Who the caller is on the channel, and what they may do',
  security,
  responses: { 200: json(CapabilitiesSchema, 'The caller’s role and permissions'), ...ERRORS },
});

/** `GET /me`: the policy's answers for the caller, for faces that hide what they may not do. */
export function meRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) =>
    c.json(await readCapabilities(deps, c.get('caller')), 200),
  );
}
