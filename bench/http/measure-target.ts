import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchDatabase } from './bench-database.js';
import type { Child } from './child-process.js';
import type { LoadOptions } from './load-route.js';
import { type Endpoint, type RouteRow, routesFor, runRouteTable } from './route-table.js';
import { rssMb, sampleRss } from './rss.js';
import { seedGallery } from './seed-gallery.js';
import type { ServerCommand } from './server-command.js';
import { startStudio } from './studio-child.js';
import { tokensFor } from './tokens.js';

/** What one server (one checkout, one database) measured. */
export interface TargetFigures {
  readonly freshStartMs: number;
  readonly freshRssMb: number;
  readonly warmStartMs: number;
  readonly idleRssMb: number;
  readonly loadRssMb: number;
  readonly seedSeconds: number;
  readonly rows: RouteRow[];
}

/** How long after its first 200 a server is left before its RSS counts as idle. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 2000);
const GALLERY_SIZE = 20;

const settledRss = async (child: Child) => {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return rssMb(child.pid);
};

/**
 * Starts the server fresh (new DATA_DIR and database) and stops it, starts it again warm on the
 * same data, seeds the gallery, then loads every route while sampling the server's RSS, each
 * route paired with a load on the bare Hono app `bare`.
 */
export async function measureTarget(
  command: ServerCommand,
  database: BenchDatabase,
  load: Omit<LoadOptions, 'url' | 'headers' | 'serverPid'>,
  bare: Endpoint,
): Promise<TargetFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-bench-http-'));
  let server: Child | undefined;
  try {
    const store = { dataDir, databaseUrl: await database.fresh() };
    server = await startStudio(command, store);
    const freshStartMs = server.startMs;
    const freshRssMb = await settledRss(server);
    await server.stop();
    server = await startStudio(command, store);
    const warmStartMs = server.startMs;
    const idleRssMb = await settledRss(server);
    const tokens = await tokensFor(dataDir);
    const gallery = await seedGallery(server.url, tokens.broadcaster, GALLERY_SIZE);
    const sampler = sampleRss(server.pid);
    const rows = await runRouteTable(server, routesFor(tokens, gallery), load, bare);
    const loadRssMb = sampler.stop();
    return {
      freshStartMs,
      freshRssMb,
      warmStartMs,
      idleRssMb,
      loadRssMb,
      seedSeconds: gallery.seconds,
      rows,
    };
  } finally {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}
