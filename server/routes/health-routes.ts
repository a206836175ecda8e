import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { queueDepth } from '../jobs/job-store.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ ok: z.boolean(), dialect: z.string() }),
    queue: z.object({ queued: z.number(), processing: z.number() }).nullable(),
    uptimeSeconds: z.number(),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the database answers, and how deep the queue is',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'The database does not answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

/** `GET /healthz` for load balancers and uptime checks. */
export function healthRoutes(deps: AppDeps) {
  const started = Date.now();
  return new OpenAPIHono().openapi(route, async (c) => {
    const uptimeSeconds = Math.round((Date.now() - started) / 1000);
    const dialect = deps.database.dialect;
    try {
      await deps.database.ping();
      const queue = await queueDepth(deps.database.db);
      return c.json({ status: 'ok' as const, database: { ok: true, dialect }, queue, uptimeSeconds }, 200);
    } catch (err) {
      deps.logger.error({ err }, 'health check failed');
      return c.json(
        { status: 'degraded' as const, database: { ok: false, dialect }, queue: null, uptimeSeconds },
        503,
      );
    }
  });
}
