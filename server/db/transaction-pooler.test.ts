import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChannel } from '../channels/channel-store.js';
import { loadConfig } from '../config/index.js';
import { createJob, getJob } from '../jobs/job-store.js';
import { createLogger } from '../logging/logger.js';
import { type RunningServer, startServer } from '../start.js';
import { describeWithPgbouncer } from '../testing/describe-with-pgbouncer.js';
import { readSse } from '../testing/read-sse.js';
import type { Database } from './database.js';
import { MIGRATIONS_FOLDER, openDatabase } from './open-database.js';

/** Opens the database as the server would from these variables. */
async function openAsConfigured(env: Record<string, string>): Promise<Database> {
  const config = loadConfig(env);
  return openDatabase({
    databaseUrl: config.databaseUrl,
    directUrl: config.databaseDirectUrl,
    transactionPooling: config.transactionPooling,
    dataDir: '/nonexistent',
  });
}

/**
 * Status polling (`getJob`, a named prepared statement) at the pace of a busy server: half the
 * reads inside transactions, where a statement prepared on another server connection is fatal.
 * What goes wrong is returned in words, a read that never answers included.
 */
async function pollBurst(database: Database, jobId: string): Promise<string[]> {
  const failures: string[] = [];
  let answered = 0;
  const reads = Array.from({ length: 200 }, async (_, i) => {
    try {
      const job =
        i % 2 === 0
          ? await getJob(database.db, 'pool', jobId)
          : await database.db.transaction((tx) => getJob(tx, 'pool', jobId));
      if (job?.id !== jobId) failures.push(`read ${String(job?.id)}`);
    } catch (error) {
      // drizzle wraps the driver's error, which says what Postgres answered.
      failures.push(((error as Error).cause as Error | undefined)?.message ?? (error as Error).message);
    }
    answered++;
  });
  await Promise.race([Promise.all(reads), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  if (answered < reads.length)
    failures.push(`${reads.length - answered} of ${reads.length} reads never answered`);
  return failures;
}

/** pgbouncer's own count of transactions it carried to the database. */
async function pooledTransactions(adminUrl: string, database: string): Promise<number> {
  const admin = postgres(adminUrl, { max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
  try {
    const stats = await admin`show stats`.simple();
    return Number(stats.find((row) => row.database === database)?.total_xact_count ?? 0);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

describeWithPgbouncer('Postgres through a transaction-mode pooler', ({ directUrl, pooledUrl, pooler }) => {
  const dbName = () => new URL(directUrl()).pathname.slice(1);
  const adminUrl = () =>
    pooler()
      .url(directUrl())
      .replace(/\/[^/]*$/, '/pgbouncer');

  it('silently never delivers a NOTIFY to a LISTEN made through the pooler (why a direct URL is required)', async () => {
    const pooled = postgres(pooledUrl(), { prepare: false, onnotice: () => {} });
    const direct = postgres(directUrl(), { max: 1, onnotice: () => {} });
    try {
      const heard: string[] = [];
      const viaDirect: string[] = [];
      // The LISTEN itself succeeds: nothing tells the server it will never hear anything.
      await pooled.listen('pooler_probe', (payload) => heard.push(payload));
      await direct.listen('pooler_probe', (payload) => viaDirect.push(payload));
      await Promise.all(Array.from({ length: 10 }, (_, i) => pooled`select ${i}::int`));
      for (const payload of ['1', '2', '3']) await direct`select pg_notify('pooler_probe', ${payload})`;
      await expect.poll(() => viaDirect, { timeout: 5_000 }).toEqual(['1', '2', '3']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(heard).toEqual([]);
    } finally {
      await pooled.end({ timeout: 5 });
      await direct.end({ timeout: 5 });
    }
  });

  it('breaks prepared statements when the pooling goes undetected, and not once it is detected', async () => {
    // DATABASE_POOL_MODE=session overrules the detection: the server as it was before it knew of poolers.
    const undetected = await openAsConfigured({
      DATABASE_URL: pooledUrl(),
      DATABASE_DIRECT_URL: directUrl(),
      DATABASE_POOL_MODE: 'session',
    });
    const detected = await openAsConfigured({
      DATABASE_URL: `${pooledUrl()}?pgbouncer=true`,
      DATABASE_DIRECT_URL: directUrl(),
    });
    try {
      await ensureChannel(detected.db, 'pool');
      const { job } = await createJob(detected.db, {
        channelId: 'pool',
        assetType: 'emote',
        prompt: 'a pooled cat',
        brandKitId: null,
        visibility: 'private',
      });
      const broken: string[] = [];
      // A pooler that happened to hand back the same connection every time would hide it: try a few bursts.
      for (let round = 0; round < 5 && broken.length === 0; round++)
        broken.push(...(await pollBurst(undetected, job.id)));
      expect(broken.length).toBeGreaterThan(0);
      expect(broken).toContainEqual(expect.stringMatching(/^prepared statement "\w+" does not exist$/));
      for (let round = 0; round < 5; round++) expect(await pollBurst(detected, job.id)).toEqual([]);
    } finally {
      await undetected.close();
      await detected.close();
    }
  }, 60_000);

  describe('two servers', () => {
    let dataDir: string;
    const servers: RunningServer[] = [];
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ss-pooled-'));
    });
    afterAll(async () => {
      for (const server of servers.splice(0)) await server.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    const start = async () => {
      const server = await startServer(
        {
          DATABASE_URL: `${pooledUrl()}?pgbouncer=true`,
          DATABASE_DIRECT_URL: directUrl(),
          DATA_DIR: dataDir,
          PORT: '0',
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
        },
        { logger: createLogger('silent') },
      );
      servers.push(server);
      return server;
    };

    it('refuses to start on the pooler alone, naming DATABASE_DIRECT_URL', async () => {
      await expect(
        startServer({ DATABASE_URL: `${pooledUrl()}?pgbouncer=true`, DATA_DIR: dataDir, PORT: '0' }),
      ).rejects.toThrow(
        /DATABASE_DIRECT_URL: is required when DATABASE_URL goes through a transaction-mode pooler/,
      );
    });

    it('runs two whole servers through it: migrations, a job generated and completed, events across them', async () => {
      const before = await pooledTransactions(adminUrl(), dbName());
      const [front, back] = [await start(), await start()];
      // Both migrated the empty database through the direct URL, one after the other, and let go of the lock.
      const direct = postgres(directUrl(), { max: 1, onnotice: () => {} });
      try {
        const [row] = await direct`select count(*)::int as applied from drizzle.__drizzle_migrations`;
        const files = (await readdir(MIGRATIONS_FOLDER)).filter((file) => file.endsWith('.sql'));
        expect(row?.applied).toBe(files.length);
        // This database's only: other suites migrate their own databases meanwhile, under their own locks.
        expect(
          await direct`select 1 from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
        ).toHaveLength(0);
      } finally {
        await direct.end({ timeout: 5 });
      }
      const auth = { Authorization: `Bearer ${front.localToken}` };
      const stream = await fetch(`${front.url}/api/v1/events`, { headers: auth });
      expect(stream.status).toBe(200);
      const heard = readSse(stream, (m) => m.some((e) => e.event === 'asset.updated'), 30_000);
      const created = await fetch(`${back.url}/api/v1/generate`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ assetType: 'emote', prompt: 'a cat behind a pooler' }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      // Status polling is the prepared `getJob`: through the pooler it works only unprepared.
      let job: { status: string } = { status: 'queued' };
      await expect
        .poll(
          async () => {
            job = (await (
              await fetch(`${back.url}/api/v1/jobs/${id}`, { headers: auth })
            ).json()) as typeof job;
            return job.status;
          },
          { timeout: 20_000, interval: 50 },
        )
        .toBe('completed');
      const assets = (await (
        await fetch(`${back.url}/api/v1/jobs/${id}/assets`, { headers: auth })
      ).json()) as {
        items: { id: string }[];
      };
      const published = await fetch(`${back.url}/api/v1/assets/${assets.items[0]!.id}/visibility`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ visibility: 'public' }),
      });
      expect(published.status).toBe(200);
      // The other server's stream heard it all: NOTIFY through the direct URL, reads through the pooler.
      const { messages } = await heard;
      const events = messages.map((m) => m.event);
      expect(events).toEqual(
        expect.arrayContaining(['job.queued', 'job.completed', 'asset.created', 'asset.updated']),
      );
      expect(JSON.parse(messages.find((m) => m.event === 'job.completed')!.data)).toMatchObject({ id });
      expect(await pooledTransactions(adminUrl(), dbName())).toBeGreaterThan(before + 20);
    }, 60_000);
  });
});
