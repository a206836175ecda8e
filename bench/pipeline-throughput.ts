/**
 * Bench: the worker's throughput on a backlog. N jobs of mixed types are queued at once on an
 * in-process server (preview provider) and timed until the last one ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../server/start.js';
import { BENCH_LIMITS, BENCH_TYPES, queueJobs } from './load.js';

const PIPELINE_JOBS = Number(process.env.BENCH_JOBS ?? 30);

/** Runs the backlog and prints jobs per second. */
export async function runPipelineThroughputBench(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-bench-'));
  const studio = await startServer({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...BENCH_LIMITS,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const auth = { Authorization: `Bearer ${studio.localToken}` };
  try {
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
      `pipeline: ${PIPELINE_JOBS} jobs (${BENCH_TYPES.join(', ')}) queued at once, ${studio.deps.database.dialect}, preview provider, WORKER_CONCURRENCY=${studio.config.workerConcurrency}, server in this process`,
    );
    console.log(
      `  ${done} completed, ${failed} failed in ${seconds.toFixed(2)} s → ${(done / seconds).toFixed(2)} jobs/s, ${((seconds * 1000) / PIPELINE_JOBS).toFixed(0)} ms/job`,
    );
  } finally {
    await studio.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPipelineThroughputBench();
