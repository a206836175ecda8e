/**
 * `npm run bench:http`: the reads viewers and panels make, as they would make them. The server
 * runs in a child process as `npm start` runs it, a bare Hono app in another as the baseline, and
 * autocannon loads both from this process, so the load never shares the server's event loop;
 * each route is loaded right after the same load on bare Hono, and compared with that.
 * Per database: the route table, start time and memory; then the pipeline's own time per job.
 * With BENCH_BEFORE_DIR=<another checkout>, its server is measured too, side by side
 * (BENCH_SERVER_DIR replaces this checkout's server with another's).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBareHono } from './bare-hono.js';
import { type BenchDatabase, embedded, postgresDatabase } from './bench-database.js';
import { firstLines } from './child-process.js';
import { loadRoute } from './load-route.js';
import { measureTarget } from './measure-target.js';
import { runPipelineOverhead } from './pipeline-overhead.js';
import { printSection, type TargetResult } from './print-section.js';
import type { Endpoint } from './route-table.js';
import { type ServerCommand, serverCommand } from './server-command.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LOAD = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  seconds: Number(process.env.BENCH_SECONDS ?? 6),
  warmUpSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 1),
};

interface Target {
  readonly label: string;
  readonly command: ServerCommand;
}

function targets(): Target[] {
  const before = process.env.BENCH_BEFORE_DIR;
  const after = {
    label: 'this checkout',
    command: serverCommand(resolve(process.env.BENCH_SERVER_DIR ?? ROOT)),
  };
  if (!before) return [after];
  return [{ label: 'before', command: serverCommand(resolve(before), { forceTsx: true }) }, after];
}

async function measureAll(
  list: readonly Target[],
  database: BenchDatabase,
  bare: Endpoint,
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const { label, command } of list) {
    try {
      results.push({ label, figures: await measureTarget(command, database, LOAD, bare) });
    } catch (error) {
      results.push({ label, failed: firstLines((error as Error).message) });
    }
  }
  return results;
}

async function section(list: readonly Target[], database: BenchDatabase): Promise<void> {
  console.log(`HTTP reads, ${database.name}`);
  const bare = await startBareHono();
  const bareJson = { url: `${bare.url}/jobs/bench-job`, pid: bare.pid };
  try {
    const baseline = await loadRoute({ ...LOAD, url: bareJson.url, serverPid: bare.pid });
    const bareFile = await loadRoute({ ...LOAD, url: `${bare.url}/file`, serverPid: bare.pid });
    printSection(baseline, bareFile, await measureAll(list, database, bareJson));
  } finally {
    await bare.stop();
  }
  console.log('');
  await runPipelineOverhead(list.at(-1)!.command, database);
}

/** Runs every part on PGlite, then on Postgres when one answers, and prints as it goes. */
export async function runHttpBench(): Promise<void> {
  const list = targets();
  console.log(
    `HTTP bench: autocannon in the bench process, ${LOAD.connections} connections, ${LOAD.seconds} s per route after ${LOAD.warmUpSeconds} s of warm-up; each server in a child process of its own`,
  );
  for (const t of list) console.log(`  ${t.label}: ${t.command.describe} (in ${t.command.cwd})`);
  console.log('');
  await section(list, embedded);
  console.log('');
  const postgres = await postgresDatabase();
  if ('skipped' in postgres) console.log(`HTTP reads, Postgres: skipped: ${postgres.skipped}`);
  else await section(list, postgres);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runHttpBench();
