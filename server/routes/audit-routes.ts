import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { AuditEntry } from '../audit/index.js';
import type { AppEnv } from '../http/app-env.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { validationHook } from '../http/validation-hook.js';
import { readAudit } from '../use-cases/index.js';
import { AUDIT_ACTIONS, CREDENTIALS, ROLES } from '../vocabulary/index.js';
import { ERRORS, json, PageQuery, page, pageJson, positionOf, security } from './schemas.js';

const AuditEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum(AUDIT_ACTIONS).openapi({ example: 'asset.publish' }),
    principal: z.string().openapi({
      example: 'token:0f8fad5b-d9cb-469f-a165-70867728950e',
      description: '`token:<API token id>`, or `twitch:<opaque user id>` for a caller through the extension.',
    }),
    role: z.enum(ROLES),
    via: z.enum(CREDENTIALS),
    targetId: z
      .string()
      .nullable()
      .openapi({ description: 'The job, asset, brand kit, token or channel acted on.' }),
    details: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
  })
  .openapi('AuditEntry');

const toView = (entry: AuditEntry) => ({
  id: entry.id,
  action: entry.action,
  principal: entry.principal,
  role: entry.role,
  via: entry.via,
  targetId: entry.targetId,
  details: entry.details,
  at: entry.createdAt.toISOString(),
});

const route = createRoute({
  method: 'get',
  path: '/audit',
  summary: 'Who did what on the channel, newest first (the broadcaster only)',
  security,
  request: { query: z.object(PageQuery) },
  responses: { 200: json(page(AuditEntrySchema, 'AuditPage'), 'A page of the audit trail'), ...ERRORS },
});

/** `GET /audit`: the channel's audit trail. */
export function auditRoutes(deps: AppDeps) {
  const cursors = cursorCodecFor(deps.extensionSecret);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const result = await readAudit(deps, c.get('caller'), { limit, after: positionOf(cursors, cursor) });
    return c.json(await pageJson(result, toView, cursors), 200);
  });
}
