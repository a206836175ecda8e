import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AssetView } from '../assets/asset-view.js';
import { describePostgres } from '../db/describe-each-database.js';
import { openPostgres } from '../db/open-database.js';
import { eventually } from '../testing/eventually.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

const CHANNEL = '4242';

describePostgres('hot reads with two server processes on one Postgres', ({ database }) => {
  // Two studios, each with its own pool, its own LISTEN connection and its own caches: as two
  // server processes are, but for their files (each has its own data dir; the rows are shared).
  let a: TestStudio;
  let b: TestStudio;
  let asset: AssetView;
  beforeAll(async () => {
    a = await createTestStudio({ database: database() });
    b = await createTestStudio({ database: await openPostgres(database().url!), worker: false });
    asset = await makeAsset(a, CHANNEL, { visibility: 'public' });
  });
  afterAll(async () => {
    await b?.close();
    await b?.database.close();
    await a?.close();
  });

  const galleryIds = async (studio: TestStudio) => {
    const response = await studio.app.request(`/public/v1/channels/${CHANNEL}/assets`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: AssetView[] }).items.map((item) => item.id);
  };

  it('drops what another process changed once its announcement is heard', async () => {
    // Both caches hold the asset as public, and A also holds its file.
    expect(await galleryIds(a)).toEqual([asset.id]);
    expect(await galleryIds(b)).toEqual([asset.id]);
    const file = await a.app.request(`/asset/${asset.id}`);
    expect(file.status).toBe(200);
    const etag = file.headers.get('etag')!;

    const hide = await b.call(`/api/v1/assets/${asset.id}/visibility`, {
      method: 'PUT',
      body: { visibility: 'private' },
      token: b.token(CHANNEL),
    });
    expect(hide.status).toBe(200);
    // B answered only after hearing its own announcement: its next read is current.
    expect(await galleryIds(b)).toEqual([]);
    // A hears announcements in commit order: once it hears a marker sent after B's answer, it has
    // heard B's change too.
    await a.deps.events.caughtUp();
    expect(await galleryIds(a)).toEqual([]);
    await expectApiError(await a.app.request(`/public/v1/assets/${asset.id}`), 404, 'NOT_FOUND');
    await expectApiError(
      await a.app.request(`/asset/${asset.id}`, { headers: { 'If-None-Match': etag } }),
      404,
      'NOT_FOUND',
    );
  });

  it('forgets everything when its listening connection was lost, since announcements were missed', async () => {
    const missed = await makeAsset(a, CHANNEL, { visibility: 'public' });
    expect(await galleryIds(a)).toContain(missed.id);
    // A change nobody announces stands for one announced while the connection was down.
    await database().db.execute(sql`update assets set visibility = 'private' where id = ${missed.id}`);
    expect(await galleryIds(a)).toContain(missed.id);
    const killed = (await database().db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and query ilike 'listen%'`,
    )) as unknown as unknown[];
    expect(killed.length).toBeGreaterThan(0);
    await eventually(async () => expect(await galleryIds(a)).not.toContain(missed.id), { timeoutMs: 10_000 });
  });

  it('shows a job cancelled by another process on the next status read', async () => {
    await a.worker.stop();
    const queued = await a.call('/api/v1/generate', {
      token: a.token(CHANNEL),
      body: { assetType: 'emote', prompt: 'a job to cancel elsewhere' },
    });
    const { id } = (await queued.json()) as { id: string };
    const status = async () =>
      ((await (await a.call(`/api/v1/jobs/${id}`, { token: a.token(CHANNEL) })).json()) as { status: string })
        .status;
    expect(await status()).toBe('queued');
    expect(await status()).toBe('queued');

    const cancel = await b.call(`/api/v1/jobs/${id}/cancel`, { method: 'POST', token: b.token(CHANNEL) });
    expect(cancel.status).toBe(200);
    await a.deps.events.caughtUp();
    expect(await status()).toBe('cancelled');
  });
});
