import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { AssetViewSchema, toAssetView } from '../assets/asset-view.js';
import type { AppEnv } from '../http/app-env.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { validationHook } from '../http/validation-hook.js';
import { JOB_STATUSES } from '../jobs/job-status.js';
import { type JobView, JobViewSchema, jobJson, toJobView } from '../jobs/job-view.js';
import { cancelJob, readJob, readJobAssets, readJobs } from '../use-cases/index.js';
import { ERRORS, IdParams, json, PageQuery, page, pageJson, positionOf, security } from './schemas.js';

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

/** Job status, listing and cancelling. */
export function jobRoutes(deps: AppDeps) {
  const cursors = cursorCodecFor(deps.extensionSecret);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getJobRoute, async (c) => {
      const job = await readJob(deps, c.get('caller'), c.req.valid('param').id);
      const response = c.body(jobJson(job), 200, { 'Content-Type': 'application/json' });
      return response as unknown as TypedResponse<JobView, 200, 'json'>;
    })
    .openapi(jobAssetsRoute, async (c) => {
      const assets = await readJobAssets(deps, c.get('caller'), c.req.valid('param').id);
      return c.json({ items: await Promise.all(assets.map((a) => toAssetView(a, deps.storage))) }, 200);
    })
    .openapi(listJobsRoute, async (c) => {
      const { cursor, ...query } = c.req.valid('query');
      const result = await readJobs(deps, c.get('caller'), { ...query, after: positionOf(cursors, cursor) });
      return c.json(await pageJson(result, toJobView, cursors), 200);
    })
    .openapi(cancelRoute, async (c) => {
      const job = await cancelJob(deps, c.get('caller'), c.req.valid('param').id);
      return c.json(toJobView(job), 200);
    });
}
