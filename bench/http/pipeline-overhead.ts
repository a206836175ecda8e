import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGeminiServer } from '../../server/testing/fake-gemini-server.js';
import type { BenchDatabase } from './bench-database.js';
import { type Child, firstLines } from './child-process.js';
import type { ServerCommand } from './server-command.js';
import { timeStandIn } from './stand-in-timer.js';
import { startStudio } from './studio-child.js';
import { tokensFor } from './tokens.js';

const JOBS = Number(process.env.BENCH_PIPELINE_JOBS ?? 20);
const WARM_UP = 2;
const GOAL_MS = 100;

type JobView = {
  id: string;
  status: string;
  progress: number;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  errorCode?: string;
};

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
};
const ms = (values: readonly number[]) =>
  `p50 ${percentile(values, 0.5).toFixed(0)} ms, p90 ${percentile(values, 0.9).toFixed(0)} ms`;

/** A job's end to end time and, per step seen while polling (`processing 40%`), when the server wrote it. */
interface JobTimes {
  readonly totalMs: number;
  readonly steps: Map<string, number>;
}

/** Queues one emote and waits for it to end, polling every 10 ms; times from the server's clock. */
async function oneJob(url: string, token: string, n: number): Promise<JobTimes> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const body = JSON.stringify({ assetType: 'emote', prompt: `a pipeline cat number ${n}` });
  const { id } = (await fetch(`${url}/api/v1/generate`, { method: 'POST', headers, body }).then((r) =>
    r.json(),
  )) as { id: string };
  const steps = new Map<string, number>();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = (await fetch(`${url}/api/v1/jobs/${id}`, { headers }).then((r) => r.json())) as JobView;
    const created = Date.parse(job.createdAt);
    const step = `${job.status} ${job.progress}%`;
    if (!steps.has(step)) steps.set(step, Date.parse(job.updatedAt) - created);
    if (job.status === 'completed' && job.completedAt)
      return { totalMs: Date.parse(job.completedAt) - created, steps };
    if (['failed', 'cancelled'].includes(job.status))
      throw new Error(`job ${id} ended ${job.status} ${job.errorCode ?? ''}`);
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after 60 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Each step's median time after the job was created, over the jobs where a poll saw it, in order. */
function stepLine(jobs: readonly JobTimes[]): string {
  const seen = new Map<string, number[]>();
  for (const job of jobs) for (const [step, at] of job.steps) seen.set(step, [...(seen.get(step) ?? []), at]);
  return [...seen]
    .map(([step, ats]) => ({
      step,
      at: percentile(ats, 0.5),
    }))
    .sort((a, b) => a.at - b.at)
    .map(({ step, at }) => `${step} ${at.toFixed(0)}`)
    .join(', ');
}

/**
 * The pipeline's own time per emote job: the server's created → completed, minus what the Gemini
 * stand-in (answering at once) spent on the job's requests; jobs one at a time, after a warm-up.
 */
export async function runPipelineOverhead(command: ServerCommand, database: BenchDatabase): Promise<void> {
  const title = `pipeline overhead per emote job, ${database.name}, provider excluded (Gemini stand-in answering at once)`;
  const fake = await FakeGeminiServer.start({ apiKey: 'bench-key' });
  const standIn = timeStandIn(fake);
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-bench-pipeline-'));
  let server: Child | undefined;
  try {
    const store = { dataDir, databaseUrl: await database.fresh() };
    server = await startStudio(command, store, { GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: fake.url });
    const { broadcaster } = await tokensFor(dataDir);
    for (let n = 0; n < WARM_UP; n++) await oneJob(server.url, broadcaster, n);
    const jobs: JobTimes[] = [];
    const provider: number[] = [];
    for (let n = 0; n < JOBS; n++) {
      const mark = standIn.mark();
      jobs.push(await oneJob(server.url, broadcaster, WARM_UP + n));
      provider.push(standIn.since(mark));
    }
    const total = jobs.map((j) => j.totalMs);
    const overhead = total.map((t, i) => t - provider[i]!);
    const p50 = percentile(overhead, 0.5);
    console.log(`${title}: ${JOBS} jobs one at a time after ${WARM_UP} of warm-up`);
    console.log(`  job created → completed (server clock, ms resolution): ${ms(total)}`);
    console.log(`  steps as polled, median ms after created (server clock): ${stepLine(jobs)}`);
    console.log(
      `  the stand-in's own time per job (its side, ${fake.requests.length} requests): ${ms(provider)}`,
    );
    console.log(
      `  overhead: ${ms(overhead)} (goal ≤ ${GOAL_MS} ms${p50 <= GOAL_MS ? ', met at p50' : ', missed at p50'})`,
    );
  } catch (error) {
    console.log(`${title}: failed: ${firstLines((error as Error).message)}`);
  } finally {
    await server?.stop();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}
