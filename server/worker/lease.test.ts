import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, expect, it, vi } from 'vitest';
import { listAssetsForJob } from '../assets/asset-store.js';
import type { Database } from '../db/database.js';
import { describeEachDatabase, describePostgres } from '../db/describe-each-database.js';
import { openPostgres } from '../db/open-database.js';
import { jobs, orphanFiles } from '../db/schema.js';
import { LeaseLostError } from '../errors/index.js';
import { EventHub } from '../events/event-hub.js';
import { eventsSince } from '../events/event-store.js';
import { createJob, getJob, requeueStaleJobs } from '../jobs/job-store.js';
import { createLogger } from '../logging/logger.js';
import { loadPromptTemplates } from '../prompts/index.js';
import { type ImageProvider, PreviewImageProvider } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { eventually } from '../testing/eventually.js';
import { filesOn } from '../testing/files-on.js';
import { createTestStudio } from '../testing/test-studio.js';
import { JobWorker } from './job-worker.js';

/** A provider that hangs until its call is aborted, and remembers why it was. */
class HangingProvider implements ImageProvider {
  readonly name = 'hanging';
  readonly aborts: unknown[] = [];
  calls = 0;
  generate(_request: unknown, options: { signal?: AbortSignal } = {}): Promise<never> {
    this.calls++;
    return new Promise((_, reject) =>
      options.signal?.addEventListener('abort', () => {
        this.aborts.push(options.signal?.reason);
        reject(options.signal?.reason);
      }),
    );
  }
}

const count = async (database: Database, type: string, jobId: string) =>
  (await eventsSince(database.db, 'lease', '0', { audience: 'all', limit: 1000 })).filter(
    (e) =>
      e.type === type &&
      ((e.data as { id?: string; jobId?: string }).jobId ?? (e.data as { id: string }).id) === jobId,
  ).length;

describeEachDatabase('a worker whose job was taken from it', ({ database }) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts the attempt at its next heartbeat and leaves the job to its new holder', async () => {
    // A stopped clock (fake Date): no lease here lapses while the heartbeats run, however slow the
    // machine, so the job can only leave this worker by the takeover below.
    vi.useFakeTimers({ toFake: ['Date'] });
    const provider = new HangingProvider();
    const events = new EventHub(database());
    const storage = { name: 'local' } as unknown as StorageDriver;
    const worker = new JobWorker({
      database: database(),
      storage,
      provider,
      templates: await loadPromptTemplates(),
      events,
      logger: createLogger('silent'),
      concurrency: 1,
      leaseMs: 600,
      pollMs: 20,
    });
    const { job } = await createJob(database().db, {
      channelId: 'lease',
      assetType: 'emote',
      prompt: 'a stolen crown',
      brandKitId: null,
      visibility: 'public',
    });
    await worker.start();
    try {
      await eventually(() => expect(provider.calls).toBe(1));
      // Another worker took it over (as after a lapsed lease): this worker's next heartbeat renews nothing.
      await database().db.update(jobs).set({ lockedBy: 'other-worker:1' }).where(sql`${jobs.id} = ${job.id}`);
      await eventually(() => expect(provider.aborts).toHaveLength(1), { timeoutMs: 5000 });
      expect(provider.aborts[0]).toBeInstanceOf(LeaseLostError);
      await eventually(() => expect(worker.busy).toBe(0));
      expect(await getJob(database().db, 'lease', job.id)).toMatchObject({
        status: 'processing',
        retryCount: 0,
      });
      const [row] = await database().db.select().from(jobs).where(sql`${jobs.id} = ${job.id}`);
      expect(row?.lockedBy).toBe('other-worker:1');
    } finally {
      await worker.stop(100);
    }
  });
});

describePostgres('leases across server processes', ({ database }) => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
  });
  const connect = async () => {
    const connection = await openPostgres(database().url!);
    opened.push(connection);
    return connection;
  };

  it('refuses a stale worker’s completion after another worker reclaimed the job, and removes its files', async () => {
    // Worker A stalls after storing its first file; its lease lapses, B reclaims and completes the job.
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reachedStall!: () => void;
    const atStall = new Promise<void>((resolve) => {
      reachedStall = resolve;
    });
    // B's generation waits for a gate, so B still holds the job while A tries to finish it.
    let openB!: () => void;
    const bGate = new Promise<void>((resolve) => {
      openB = resolve;
    });
    const preview = new PreviewImageProvider();
    let bCalls = 0;
    const bProvider: ImageProvider = {
      name: 'gated',
      generate: async (request, options) => {
        bCalls++;
        await bGate;
        return preview.generate(request, options);
      },
    };
    const b = await createTestStudio({ database: await connect(), worker: false, provider: bProvider });
    opened.push({ close: () => b.close() });
    let puts = 0;
    const stallingPut: StorageDriver['put'] = async (object) => {
      await b.storage.put(object);
      if (++puts === 1) {
        reachedStall();
        await stalled;
      }
    };
    // B's own storage, but A's first upload stalls until released.
    const aStorage = new Proxy(b.storage, {
      get(target, property) {
        if (property === 'put') return stallingPut;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const aDatabase = await connect();
    const aEvents = new EventHub(aDatabase);
    const a = new JobWorker({
      database: aDatabase,
      storage: aStorage,
      provider: new PreviewImageProvider(),
      templates: await loadPromptTemplates(),
      events: aEvents,
      logger: createLogger('silent'),
      concurrency: 1,
      pollMs: 20,
      workerId: 'A',
    });
    await aEvents.start();
    opened.push({ close: () => aEvents.stop() });

    const { job } = await createJob(b.database.db, {
      channelId: 'lease',
      assetType: 'emote',
      prompt: 'a relay baton',
      brandKitId: null,
      visibility: 'public',
    });
    await a.start();
    opened.push({ close: () => a.stop(2000) });
    await atStall;

    const [requeued] = await requeueStaleJobs(b.database.db, {
      olderThanMs: 30_000,
      now: new Date(Date.now() + 120_000),
    });
    expect(requeued).toMatchObject({ id: job.id, status: 'queued', retryCount: 1 });
    await b.database.db.update(jobs).set({ runAt: new Date() }).where(sql`${jobs.id} = ${job.id}`);
    await b.worker.start();
    await vi.waitFor(() => expect(bCalls).toBe(1), { timeout: 10_000 });

    // A wakes up and tries to finish a job B now holds: every write is refused, its files removed.
    release();
    await vi.waitFor(() => expect(a.busy).toBe(0), { timeout: 10_000 });
    expect(await getJob(b.database.db, 'lease', job.id)).toMatchObject({
      status: 'processing',
      progress: 10,
    });
    expect(await listAssetsForJob(b.database.db, 'lease', job.id)).toEqual([]);
    expect(await filesOn(join(b.dataDir, 'assets'))).toEqual([]);

    openB();
    const done = await b.settle('lease', job.id);
    expect(done).toMatchObject({ status: 'completed', retryCount: 1 });

    const assets = await listAssetsForJob(b.database.db, 'lease', job.id);
    expect(assets).toHaveLength(1);
    // The winner's files and its kept source (private); nothing of the stale attempt's.
    expect(await filesOn(join(b.dataDir, 'assets'))).toEqual(
      [
        ...assets[0]!.files.map((file) => `public/${file.storageKey}`),
        `private/${assets[0]!.source!.storageKey}`,
      ].sort(),
    );
    expect(await b.database.db.select().from(orphanFiles)).toEqual([]);
    expect(await count(b.database, 'job.completed', job.id)).toBe(1);
    expect(await count(b.database, 'asset.created', job.id)).toBe(1);
  }, 60_000);

  it('cancels, from one process, a job running in another', async () => {
    const provider = new HangingProvider();
    const front = await createTestStudio({ database: await connect(), worker: false });
    opened.push({ close: () => front.close() });
    // A lease so long that only the cancel event, not a heartbeat, can stop the attempt in time.
    const back = await createTestStudio({ database: await connect(), provider, leaseMs: 600_000 });
    opened.push({ close: () => back.close() });
    const response = await front.call('/api/v1/generate', {
      token: front.token('lease'),
      body: { assetType: 'emote', prompt: 'a runaway train' },
    });
    const { id } = (await response.json()) as { id: string };
    await vi.waitFor(() => expect(provider.calls).toBe(1), { timeout: 10_000 });

    const cancel = await front.call(`/api/v1/jobs/${id}/cancel`, {
      token: front.token('lease'),
      method: 'POST',
    });
    expect(cancel.status).toBe(200);
    await vi.waitFor(() => expect(provider.aborts).toHaveLength(1), { timeout: 5000 });
    await vi.waitFor(() => expect(back.worker.busy).toBe(0));
    expect(await getJob(front.database.db, 'lease', id)).toMatchObject({ status: 'cancelled' });
    expect(await listAssetsForJob(front.database.db, 'lease', id)).toEqual([]);
    expect(await filesOn(join(back.dataDir, 'assets'))).toEqual([]);
  }, 60_000);
});
