import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAssetsForJob } from '../assets/asset-store.js';
import { describePostgres } from '../db/describe-each-database.js';
import { orphanFiles } from '../db/schema.js';
import type { Job } from '../jobs/job.js';
import { createJob, getJob } from '../jobs/job-store.js';
import { eventually } from '../testing/eventually.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const supabaseEnv = (standIn: StorageStandIn) => ({
  STORAGE_DRIVER: 'supabase',
  SUPABASE_URL: standIn.url,
  SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
  SUPABASE_BUCKET: 'assets',
});

interface AssetBody {
  id: string;
  visibility: string;
  files: { width: number; height: number; url: string }[];
}

describe('the studio on Supabase Storage (through the stand-in)', () => {
  let standIn: StorageStandIn;
  let studio: TestStudio;
  beforeEach(async () => {
    standIn = await StorageStandIn.start();
    studio = await createTestStudio({ env: supabaseEnv(standIn) });
  });
  afterEach(async () => {
    await studio.close();
    await standIn.close();
  });

  const generate = async (channel: string, visibility: 'public' | 'private') => {
    const token = studio.token(channel);
    const response = await studio.call('/api/v1/generate', {
      token,
      body: { assetType: 'emote', prompt: 'a cat in sunglasses', visibility },
    });
    expect(response.status).toBe(202);
    const job = (await response.json()) as { id: string };
    const done = await studio.settle(channel, job.id);
    const assets = (await (await studio.call(`/api/v1/jobs/${job.id}/assets`, { token })).json()) as {
      items: AssetBody[];
    };
    return { job: done, assets: assets.items };
  };

  it('generate → complete → publish → /asset/:id on Supabase → hide → delete', async () => {
    const channel = '7001';
    const token = studio.token(channel);
    const { job, assets } = await generate(channel, 'private');
    expect(job).toMatchObject({ status: 'completed', retryCount: 0 });
    const [asset] = assets;
    const keys = ['112x112', '56x56', '28x28'].map((size) => `assets/${asset!.id}/${size}.png`);
    // The provider's original is kept beside them, private whatever the asset's visibility.
    const source = `assets/${asset!.id}/source.png`;
    expect(standIn.objectNames('assets-private')).toEqual([...keys, source].sort());
    expect(standIn.objectNames('assets-public')).toEqual([]);
    // A private file's url is a signed URL on Supabase, which serves the PNG.
    const signed = await fetch(asset!.files[0]!.url);
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect((await studio.app.request(`/asset/${asset!.id}`)).status).toBe(404);

    const published = await studio.call(`/api/v1/assets/${asset!.id}/visibility`, {
      method: 'PUT',
      token,
      body: { visibility: 'public' },
    });
    expect(published.status).toBe(200);
    expect(standIn.objectNames('assets-public')).toEqual([...keys].sort());
    expect(standIn.objectNames('assets-private')).toEqual([source]);

    const redirect = await studio.app.request(`/asset/${asset!.id}?size=56x56`);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).toBe(`${standIn.url}/storage/v1/object/public/assets-public/${keys[1]}`);
    const image = await fetch(location);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const view = (await (await studio.call(`/api/v1/assets/${asset!.id}`, { token })).json()) as AssetBody;
    expect(view.files[1]!.url).toBe(location);

    const hidden = await studio.call(`/api/v1/assets/${asset!.id}/visibility`, {
      method: 'PUT',
      token,
      body: { visibility: 'private' },
    });
    expect(hidden.status).toBe(200);
    const gone = await fetch(location);
    expect(gone.status).toBe(400);
    expect(await gone.json()).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    expect((await studio.app.request(`/asset/${asset!.id}`)).status).toBe(404);

    const deleted = await studio.call(`/api/v1/assets/${asset!.id}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    await eventually(async () => {
      expect(standIn.objectNames('assets-private')).toEqual([]);
      expect(standIn.objectNames('assets-public')).toEqual([]);
    });
  });

  it('an upload that answers 500 makes the job retry, ending with exactly one set of files', async () => {
    // The first file of the first attempt lands; the second answers 500.
    standIn.inject({
      kind: 'error',
      skip: 1,
      match: (r) => r.method === 'POST' && r.path.startsWith('/object/assets-public/'),
    });
    const { job, assets } = await generate('7002', 'public');
    expect(job).toMatchObject({ status: 'completed', retryCount: 1 });
    expect(assets).toHaveLength(1);
    const keys = assets[0]!.files.map((f) => `assets/${assets[0]!.id}/${f.width}x${f.height}.png`);
    expect(standIn.objectNames('assets-public')).toEqual([...keys].sort());
    expect(standIn.objectNames('assets-private')).toEqual([`assets/${assets[0]!.id}/source.png`]);
    expect(await studio.database.db.select().from(orphanFiles)).toEqual([]);
    const uploads = standIn.requests.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/object/assets-'),
    );
    // The failed attempt: one file, then the 500. The retry: three files and the private source.
    expect(uploads).toHaveLength(2 + 3 + 1);
  });

  it('an upload that keeps answering 500 fails the job as STORAGE_UNAVAILABLE after its retries, leaving no files', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      standIn.inject({
        kind: 'error',
        times: 100,
        match: (r) => r.method === 'POST' && r.path.startsWith('/object/'),
      });
      const token = studio.token('7003');
      const response = await studio.call('/api/v1/generate', {
        token,
        body: { assetType: 'emote', prompt: 'a cat', visibility: 'public' },
      });
      const { id } = (await response.json()) as { id: string };
      const job = await eventually(
        async () => {
          const current = (await getJob(studio.database.db, '7003', id)) as Job;
          if (current.status === 'queued' && current.runAt.getTime() > Date.now())
            vi.setSystemTime(current.runAt);
          expect(current.status).toBe('failed');
          return current;
        },
        { timeoutMs: 20_000 },
      );
      expect(job).toMatchObject({ errorCode: 'STORAGE_UNAVAILABLE', retryCount: 3 });
      expect(standIn.objectNames('assets-public')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

const LEASE_MS = 300;

describePostgres('Supabase files after a kill -9 between upload and row write', ({ database }) => {
  it('are swept by the orphan sweeper once the dead attempt’s lease is gone; the job completes once', async () => {
    const standIn = await StorageStandIn.start();
    let studio: TestStudio | undefined;
    try {
      // The buckets exist, as the dead process's start would have made them.
      const { db, url } = database();
      const prepare = await createTestStudio({
        database: database(),
        worker: false,
        env: supabaseEnv(standIn),
      });
      await prepare.close();
      const { job } = await createJob(db, {
        channelId: '7004',
        assetType: 'emote',
        prompt: 'a phoenix',
        brandKitId: null,
        visibility: 'public',
      });
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, '../testing/supabase/crash-after-upload.ts')],
        {
          env: { ...process.env, ...supabaseEnv(standIn), DATABASE_URL: url!, CRASH_AFTER_PUTS: '3' },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      const signal = await new Promise((resolve) => child.once('exit', (_code, s) => resolve(s)));
      expect(signal).toBe('SIGKILL');
      const leftOver = standIn.objectNames('assets-public');
      expect(leftOver).toHaveLength(3);
      expect(await getJob(db, '7004', job.id)).toMatchObject({ status: 'processing' });
      expect(await listAssetsForJob(db, '7004', job.id)).toEqual([]);

      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 60_000);
      studio = await createTestStudio({ database: database(), leaseMs: LEASE_MS, env: supabaseEnv(standIn) });
      const done = await eventually(
        async () => {
          const current = (await getJob(db, '7004', job.id)) as Job;
          if (current.status === 'queued' && current.runAt.getTime() > Date.now())
            vi.setSystemTime(current.runAt);
          expect(current.status).toBe('completed');
          return current;
        },
        { timeoutMs: 20_000 },
      );
      expect(done.retryCount).toBe(1);
      const [asset] = await listAssetsForJob(db, '7004', job.id);
      const kept = asset!.files.map((file) => file.storageKey).sort();
      expect(kept.some((key) => leftOver.includes(key))).toBe(false);

      // The dead attempt recorded its three files and its source; only the files were uploaded.
      const swept = await studio.reconciler.reconcile();
      expect(swept.orphansRemoved).toBe(4);
      expect(standIn.objectNames('assets-public')).toEqual(kept);
      expect(standIn.objectNames('assets-private')).toEqual([asset!.source!.storageKey]);
      expect(await db.select().from(orphanFiles)).toEqual([]);
    } finally {
      vi.useRealTimers();
      await studio?.close();
      await standIn.close();
    }
  }, 60_000);
});
