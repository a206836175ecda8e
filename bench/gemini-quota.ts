/**
 * Bench: a backlog of jobs against a Gemini quota. The fake Gemini server allows QUOTA requests
 * in any rolling window and answers 429 + RetryInfo above it; the studio runs the real SDK
 * against it. Reported: goodput (images delivered while the backlog lasted, as a fraction of
 * what the quota allowed), requests spent on 429s, retries counted and failed jobs.
 *
 * Time is scaled: Gemini's quotas are per minute, here one "minute" is WINDOW_MS (3 s, 20×
 * faster), and RetryInfo delays come in the same scaled time. Gemini's ~5 s per image becomes
 * LATENCY_MS (250 ms), so with WORKER_CONCURRENCY=8 the studio could send ~32 requests a
 * second — far over a quota of 20 per window — and has to find the quota's pace by itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../server/start.js';
import { FakeGeminiServer } from '../server/testing/fake-gemini-server.js';
import { BENCH_LIMITS, BENCH_TYPES, queueJobs } from './load.js';

const QUOTA = Number(process.env.BENCH_QUOTA ?? 20);
const WINDOW_MS = Number(process.env.BENCH_QUOTA_WINDOW_MS ?? 3000);
const WINDOWS = Number(process.env.BENCH_QUOTA_WINDOWS ?? 8);
const LATENCY_MS = Number(process.env.BENCH_GEMINI_LATENCY_MS ?? 250);
const CONCURRENCY = Number(process.env.BENCH_GEMINI_CONCURRENCY ?? 8);

type JobView = { id: string; status: string; retryCount: number; errorCode?: string };

/** Runs the scenario and prints its figures. */
export async function runGeminiQuotaBench(): Promise<void> {
  const jobs = QUOTA * WINDOWS;
  const fake = await FakeGeminiServer.start({
    apiKey: 'bench-key',
    quota: { limit: QUOTA, windowMs: WINDOW_MS },
    latencyMs: LATENCY_MS,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-bench-gemini-'));
  const studio = await startServer({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...BENCH_LIMITS,
    GEMINI_API_KEY: 'bench-key',
    GEMINI_BASE_URL: fake.url,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const auth = { Authorization: `Bearer ${studio.localToken}`, 'Content-Type': 'application/json' };
  try {
    const started = performance.now();
    const ids = await queueJobs(studio.url, studio.localToken!, jobs, 'quota subject');
    const finals = new Map<string, JobView>();
    while (finals.size < ids.length) {
      await new Promise((r) => setTimeout(r, 200));
      for (const id of ids.filter((id) => !finals.has(id))) {
        const job = (await fetch(`${studio.url}/api/v1/jobs/${id}`, { headers: auth }).then((r) =>
          r.json(),
        )) as JobView;
        if (['completed', 'failed', 'cancelled'].includes(job.status)) finals.set(id, job);
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const all = [...finals.values()];
    const failed = all.filter((j) => j.status === 'failed');
    const accepted = fake.succeeded.map((r) => r.at);
    const t0 = Math.min(...fake.requests.map((r) => r.at));
    // While the backlog lasts (the first WINDOWS − 1 windows), the quota allows exactly QUOTA per window.
    const saturated = WINDOWS - 1;
    const inSaturated = accepted.filter((at) => at < t0 + saturated * WINDOW_MS).length;
    const goodput = inSaturated / (saturated * QUOTA);
    const rejected = fake.requests.filter((r) => r.status === 429).length;

    console.log(
      `gemini quota: ${jobs} jobs (${BENCH_TYPES.join(', ')}) against ${QUOTA} requests per window of ${WINDOW_MS / 1000} s (one minute scaled 60/${WINDOW_MS / 1000}×), fake latency ${LATENCY_MS} ms, WORKER_CONCURRENCY=${CONCURRENCY}`,
    );
    console.log(
      `  goodput ${(goodput * 100).toFixed(1)} % of quota (${inSaturated} images in the first ${saturated} windows, quota ${saturated * QUOTA})`,
    );
    console.log(
      `  ${all.length - failed.length} completed, ${failed.length} failed${failed.length ? ` (${[...new Set(failed.map((j) => j.errorCode))].join(', ')})` : ''}, ${all.reduce((n, j) => n + j.retryCount, 0)} retries counted, ${rejected} requests answered 429, ${seconds.toFixed(1)} s in all`,
    );
  } finally {
    await studio.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runGeminiQuotaBench();
