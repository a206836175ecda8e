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

/**
 * `GET /healthz` for load balancers and uptime checks. Checks that arrive while one is under way
 * share its answer: a monitor hammering this costs the database one probe at a time.
 */
export function healthRoutes(deps: AppDeps) {
  const started = Date.now();
  let probing: Promise<{ queued: number; processing: number }> | undefined;
  const probe = () => {
    probing ??= (async () => {
      await deps.database.ping();
      return queueDepth(deps.database.db);
    })().finally(() => {
      probing = undefined;
    });
    return probing;
  };
  return new OpenAPIHono().openapi(route, async (c) => {
    const uptimeSeconds = Math.round((Date.now() - started) / 1000);
    const dialect = deps.database.dialect;
    try {
      const queue = await probe();
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
