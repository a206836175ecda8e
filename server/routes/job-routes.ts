import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { listAssetsForJob } from '../assets/asset-store.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import { NotFoundError } from '../errors/index.js';
import type { AppEnv } from '../http/app-env.js';
import { requireRole } from '../http/authenticate.js';
import { validationHook } from '../http/validation-hook.js';
import { jobEvent } from '../jobs/job-events.js';
import { JOB_STATUSES } from '../jobs/job-status.js';
import { applyJobEvent, getJob, listJobs } from '../jobs/job-store.js';
import { JobViewSchema, toJobView } from '../jobs/job-view.js';
import { ERRORS, IdParams, json, PageQuery, page, security } from './schemas.js';

const getJobRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  summary: 'One job: status, progress, error',
  security,
  request: { params: IdParams },
  responses: { 200: json(JobViewSchema, 'The job'), ...ERRORS },
});

const jobAssetsRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}/assets',
  summary: 'The assets a job made',
  security,
  request: { params: IdParams },
  responses: { 200: json(z.object({ items: z.array(AssetViewSchema) }), 'The job’s assets'), ...ERRORS },
});

const listJobsRoute = createRoute({
  method: 'get',
  path: '/jobs',
  summary: 'The channel’s jobs, newest first',
  security,
  request: { query: z.object({ status: z.enum(JOB_STATUSES).optional(), ...PageQuery }) },
  responses: { 200: json(page(JobViewSchema, 'JobPage'), 'A page of jobs'), ...ERRORS },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/jobs/{id}/cancel',
  summary: 'Cancel a queued or running job',
  security,
  request: { params: IdParams },
  responses: {
    200: json(JobViewSchema, 'The cancelled job'),
    409: json(
      z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      'The job already ended',
    ),
    ...ERRORS,
  },
});

/** Job status, listing and cancelling, for the broadcaster side of a channel. */
export function jobRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/jobs', requireRole('broadcaster', 'moderator'));
  app.use('/jobs/*', requireRole('broadcaster', 'moderator'));

  return app
    .openapi(getJobRoute, async (c) => {
      const job = await getJob(db, c.get('caller').channelId, c.req.valid('param').id);
      if (!job) throw new NotFoundError('no such job on this channel');
      return c.json(toJobView(job), 200);
    })
    .openapi(jobAssetsRoute, async (c) => {
      const { channelId } = c.get('caller');
      const { id } = c.req.valid('param');
      if (!(await getJob(db, channelId, id))) throw new NotFoundError('no such job on this channel');
      const assets = await listAssetsForJob(db, channelId, id);
      return c.json({ items: await Promise.all(assets.map((a) => toAssetView(a, deps.storage))) }, 200);
    })
    .openapi(listJobsRoute, async (c) => {
      const { status, limit, cursor } = c.req.valid('query');
      const result = await listJobs(db, c.get('caller').channelId, { status, limit, cursor });
      return c.json({ items: result.items.map(toJobView), nextCursor: result.nextCursor }, 200);
    })
    .openapi(cancelRoute, async (c) => {
      const { channelId } = c.get('caller');
      const { id } = c.req.valid('param');
      const { job } = await applyJobEvent(db, channelId, id, { type: 'cancel' });
      deps.jobs.cancel(job.id);
      await deps.events.publish(jobEvent('job.cancelled', job));
      return c.json(toJobView(job), 200);
    });
}
