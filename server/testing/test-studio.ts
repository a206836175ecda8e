import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { createAppDeps } from '../app-deps.js';
import { signExtensionJwt } from '../auth/extension-jwt.js';
import { loadConfig } from '../config/index.js';
import type { Database } from '../db/database.js';
import { openTestDatabase } from '../db/test-database.js';
import { EventHub } from '../events/event-hub.js';
import { FileReconciler } from '../files/index.js';
import type { Job } from '../jobs/job.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { loadPromptTemplates } from '../prompts/index.js';
import { type ImageProvider, PreviewImageProvider } from '../providers/index.js';
import { openStorage } from '../storage/create-storage.js';
import type { Role } from '../vocabulary/index.js';
import { JobWorker } from '../worker/job-worker.js';

export interface TestStudioOptions {
  readonly provider?: ImageProvider;
  readonly database?: Database;
  readonly concurrency?: number;
  /** Start the worker (default true); route tests that only look at queued jobs turn it off. */
  readonly worker?: boolean;
  /** Worker lease: how soon a job left by a dead worker is queued again. */
  readonly leaseMs?: number;
  /** The worker's hook at the end of each pass over the queue (see `ClaimPasses`). */
  readonly afterClaimPass?: () => void;
  /** Where the studio logs (default: nowhere); a test can read the structured lines. */
  readonly logger?: Logger;
  /** Settings as environment variables, over the test defaults (for example small limits). */
  readonly env?: Record<string, string>;
}

/** A whole studio in one process for tests: in-memory PGlite, files in a temp dir, the real worker and app. */
export async function createTestStudio(options: TestStudioOptions = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Tests poll hard and generate in bursts; the limits' own tests set small ones.
    RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
    RATE_LIMIT_GENERATES_PER_MINUTE: '10000',
    MAX_QUEUED_JOBS: '10000',
    MAX_EVENT_STREAMS: '1000',
    DAILY_GENERATION_BUDGET: '1000000',
    ...options.env,
  });
  const database = options.database ?? (await openTestDatabase());
  const extensionSecret = randomBytes(32).toString('base64');
  const storage = await openStorage(config, { signingKey: randomBytes(32) });
  const logger = options.logger ?? createLogger('silent');
  const events = new EventHub(database);
  const worker = new JobWorker({
    database,
    storage,
    provider: options.provider ?? new PreviewImageProvider(),
    templates: await loadPromptTemplates(),
    events,
    logger,
    concurrency: options.concurrency ?? 2,
    pollMs: 50,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.afterClaimPass ? { afterClaimPass: options.afterClaimPass } : {}),
  });
  const deps = createAppDeps({ config, database, storage, events, jobs: worker, logger, extensionSecret });
  const app = createApp(deps);
  const reconciler = new FileReconciler({ database, storage, logger });
  await events.start();
  deps.requestLimiter.start();
  await reconciler.start();
  if (options.worker !== false) await worker.start();

  /** A Twitch extension JWT for `channelId` with `role`, valid for an hour. */
  const token = (channelId: string, role: Role = 'broadcaster') =>
    signExtensionJwt(
      {
        channel_id: channelId,
        opaque_user_id: `U${channelId}`,
        role,
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      extensionSecret,
    );

  /** `app.request` with a caller's token and a JSON body. */
  const call = (
    path: string,
    init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });

  /** Polls a job until it is final (or `timeoutMs` of real time passes, even if the test fakes `Date`). */
  const settle = async (channelId: string, jobId: string, timeoutMs = 20_000) => {
    const deadline = performance.now() + timeoutMs;
    const auth = token(channelId);
    for (;;) {
      const job = (await (await call(`/api/v1/jobs/${jobId}`, { token: auth })).json()) as {
        status: Job['status'];
      } & Record<string, unknown>;
      if (['completed', 'failed', 'cancelled'].includes(job.status)) return job;
      if (performance.now() > deadline)
        throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const close = async () => {
    await worker.stop(2000);
    await reconciler.stop();
    await deps.requestLimiter.stop();
    await events.stop();
    if (!options.database) await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };

  return { app, deps, worker, reconciler, database, storage, dataDir, token, call, settle, close };
}

export type TestStudio = Awaited<ReturnType<typeof createTestStudio>>;
