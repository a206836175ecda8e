/**
 * `npm run bench`: performance figures printed side by side with a baseline measured in the same
 * run, so the ratio means something on any machine. Nothing here passes or fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startServer } from '../server/start.js';
import { runChatAckBench } from './chat-ack.js';
import { runGeminiQuotaBench } from './gemini-quota.js';
import { BENCH_LIMITS, BENCH_TYPES, queueJobs, runLoad } from './load.js';
import { runOverlayObsBench } from './overlay-obs.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const PIPELINE_JOBS = Number(process.env.BENCH_JOBS ?? 30);

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

async function bareHono(): Promise<{ url: string; close: () => void }> {
  const app = new Hono().get('/jobs/:id', (c) =>
    c.json({ id: c.req.param('id'), status: 'completed', progress: 100 }),
  );
  return new Promise((ready) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      ready({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-bench-'));
  const studio = await startServer({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...BENCH_LIMITS,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const bare = await bareHono();
  const auth = { Authorization: `Bearer ${studio.localToken}`, 'Content-Type': 'application/json' };
  try {
    console.log(
      `Streamer Studio bench — ${studio.deps.database.dialect}, ${CONCURRENCY} connections, ${DURATION_MS / 1000} s per run\n`,
    );

    // A finished job to poll.
    const created = await fetch(`${studio.url}/api/v1/generate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ assetType: 'emote', prompt: 'a bench cat' }),
    }).then((r) => r.json() as Promise<{ id: string }>);

    const load = { concurrency: CONCURRENCY, durationMs: DURATION_MS };
    await runLoad({ ...load, url: `${bare.url}/jobs/${created.id}`, durationMs: 1000 }); // warm-up
    const baseline = await runLoad({ ...load, url: `${bare.url}/jobs/${created.id}` });
    const polling = await runLoad({ ...load, url: `${studio.url}/api/v1/jobs/${created.id}`, headers: auth });

    console.log('status polling: GET /api/v1/jobs/:id (JWT check + scoped query) against a bare Hono route');
    console.log(
      `${''.padEnd(22)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}`,
    );
    for (const [name, r] of [
      ['bare Hono', baseline],
      ['GET /api/v1/jobs/:id', polling],
    ] as const) {
      console.log(
        `${name.padEnd(22)}${fmt(r.rps, 0)}${fmt(r.p50Ms, 2)}${fmt(r.p99Ms, 2)}${fmt(r.errors, 0)}`,
      );
    }
    console.log(
      `ratio (studio / bare): throughput ${(polling.rps / baseline.rps).toFixed(2)}×, p50 ${(polling.p50Ms / baseline.p50Ms).toFixed(2)}×, p99 ${(polling.p99Ms / baseline.p99Ms).toFixed(2)}×\n`,
    );

    // The whole pipeline: queue N jobs of mixed types, time until the last completes.
    const started = performance.now();
    const ids = await queueJobs(studio.url, studio.localToken!, PIPELINE_JOBS, 'bench subject');
    let done = 0;
    let failed = 0;
    while (done + failed < ids.length) {
      await new Promise((r) => setTimeout(r, 100));
      const page = await fetch(`${studio.url}/api/v1/jobs?limit=100`, { headers: auth }).then(
        (r) => r.json() as Promise<{ items: { id: string; status: string }[] }>,
      );
      const mine = page.items.filter((j) => ids.includes(j.id));
      done = mine.filter((j) => j.status === 'completed').length;
      failed = mine.filter((j) => j.status === 'failed').length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `pipeline: ${PIPELINE_JOBS} jobs (${BENCH_TYPES.join(', ')}), preview provider, WORKER_CONCURRENCY=${studio.config.workerConcurrency}`,
    );
    console.log(
      `  ${done} completed, ${failed} failed in ${seconds.toFixed(2)} s → ${(done / seconds).toFixed(2)} jobs/s, ${((seconds * 1000) / PIPELINE_JOBS).toFixed(0)} ms/job`,
    );
  } finally {
    bare.close();
    await studio.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
console.log('');
await runGeminiQuotaBench();
console.log('');
await runChatAckBench();
console.log('');
await runOverlayObsBench();
// The chat bench's twurple listener leaves a 10-minute timer per notification behind (its dedupe), even closed.
process.exit(0);
