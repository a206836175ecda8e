import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { CursorPosition } from '../db/cursor.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { assetFiles } from '../db/schema.js';
import { InvalidInputError, LeaseLostError } from '../errors/index.js';
import { eventsSince } from '../events/event-store.js';
import { dueOrphans } from '../files/orphan-file-store.js';
import { claimNextJob, createJob, getJob } from '../jobs/job-store.js';
import type { Visibility } from '../vocabulary/index.js';
import type { AssetFile } from './asset.js';
import {
  completeJobWithAsset,
  deleteAsset,
  getAsset,
  getPublicAsset,
  insertAsset,
  listAssets,
  listAssetsForJob,
  lockAsset,
  writeAssetVisibility,
} from './asset-store.js';

const channel = () => `ch_${randomUUID().slice(0, 8)}`;

const emoteFiles = (assetId: string): AssetFile[] =>
  [28, 112, 56].map((edge) => ({
    width: edge,
    height: edge,
    bytes: edge * 10,
    contentType: 'image/png',
    storageKey: `assets/${assetId}/${edge}x${edge}.png`,
  }));

describeEachDatabase('asset store', ({ db }) => {
  async function jobOf(channelId: string, visibility: Visibility = 'public') {
    return (
      await createJob(db(), { channelId, assetType: 'emote', prompt: 'cat', brandKitId: null, visibility })
    ).job;
  }

  async function stored(channelId: string, visibility: Visibility = 'public') {
    const job = await jobOf(channelId, visibility);
    const id = randomUUID();
    return insertAsset(db(), {
      id,
      jobId: job.id,
      channelId,
      assetType: 'emote',
      visibility,
      files: emoteFiles(id),
    });
  }

  it('stores an asset with its files, largest first', async () => {
    const channelId = channel();
    const asset = await stored(channelId);
    expect(asset.files.map((file) => file.width)).toEqual([112, 56, 28]);
    expect(await getAsset(db(), channelId, asset.id)).toEqual(asset);
    expect(await getAsset(db(), channel(), asset.id)).toBeNull();
  });

  it('keeps private assets from public reads', async () => {
    const channelId = channel();
    const asset = await stored(channelId, 'private');
    expect(await getAsset(db(), channelId, asset.id, { publicOnly: true })).toBeNull();
    expect(await getPublicAsset(db(), asset.id)).toBeNull();

    const flipped = await db().transaction(async (tx) => {
      expect(await lockAsset(tx, channel(), asset.id)).toBeNull();
      return writeAssetVisibility(tx, (await lockAsset(tx, channelId, asset.id))!, 'public');
    });
    expect(flipped).toEqual({ ...asset, visibility: 'public' });
    expect(await getPublicAsset(db(), asset.id)).toEqual(flipped);
    expect(await getAsset(db(), channelId, asset.id, { publicOnly: true })).toEqual(flipped);
  });

  it('deletes an asset, records its files as orphans and announces it, together', async () => {
    const channelId = channel();
    const asset = await stored(channelId);
    expect(await deleteAsset(db(), channel(), asset.id)).toBeNull();
    expect(await deleteAsset(db(), channelId, asset.id)).toEqual(asset);
    const orphans = await dueOrphans(db(), new Date(Date.now() + 1000));
    expect(
      orphans
        .filter((o) => o.storageKey.includes(asset.id))
        .sort((a, b) => a.storageKey.localeCompare(b.storageKey)),
    ).toEqual(
      asset.files
        .map((file) => ({ storageKey: file.storageKey, visibility: null }))
        .sort((a, b) => a.storageKey.localeCompare(b.storageKey)),
    );
    const events = await eventsSince(db(), channelId, '0', { audience: 'all', limit: 10 });
    expect(events.at(-1)).toMatchObject({ type: 'asset.deleted', data: { id: asset.id } });
    expect(await getAsset(db(), channelId, asset.id)).toBeNull();
    expect(await db().select().from(assetFiles).where(eq(assetFiles.assetId, asset.id))).toEqual([]);
    expect(await deleteAsset(db(), channelId, asset.id)).toBeNull();
  });

  it('pages through assets newest first, filtered by type and visibility', async () => {
    const channelId = channel();
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await stored(channelId, i % 2 === 0 ? 'public' : 'private'));
    await stored(channel());
    const expected = [...made]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((asset) => asset.id);

    const seen: string[] = [];
    let after: CursorPosition | undefined;
    do {
      const page = await listAssets(db(), channelId, { limit: 3, after });
      expect(page.items.every((asset) => asset.files.length === 3)).toBe(true);
      seen.push(...page.items.map((asset) => asset.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(expected);

    const publicOnes = await listAssets(db(), channelId, { visibility: 'public', limit: 100 });
    expect(publicOnes.items.map((asset) => asset.visibility)).toEqual([
      'public',
      'public',
      'public',
      'public',
    ]);
    expect((await listAssets(db(), channelId, { assetType: 'panel' })).items).toEqual([]);
    await expect(listAssets(db(), channelId, { limit: 101 })).rejects.toThrow(InvalidInputError);
  });

  it("lists a job's assets, on its own channel only", async () => {
    const channelId = channel();
    const asset = await stored(channelId);
    await stored(channelId);
    expect(await listAssetsForJob(db(), channelId, asset.jobId)).toEqual([asset]);
    expect(await listAssetsForJob(db(), channel(), asset.jobId)).toEqual([]);
  });

  /** Claims the channel's queued job for `holder` and builds the asset the attempt made. */
  async function attempt(channelId: string, visibility: Visibility, holder = 'w1') {
    const job = await jobOf(channelId, visibility);
    // Earlier tests leave queued jobs behind: claim until this one is taken.
    while ((await claimNextJob(db(), holder))?.id !== job.id);
    const id = randomUUID();
    const asset = {
      id,
      jobId: job.id,
      channelId,
      assetType: job.assetType,
      visibility,
      files: emoteFiles(id),
      createdAt: new Date(),
    };
    return { job, asset, lease: { jobId: job.id, holder } };
  }
  const announce = {
    id: 'view',
    jobId: 'j',
    channelId: 'c',
    assetType: 'emote' as const,
    visibility: 'private' as const,
    files: [],
    createdAt: '',
    parentAssetId: null,
  };

  it('completes a job and stores its asset together', async () => {
    const channelId = channel();
    const { job, asset, lease } = await attempt(channelId, 'private');
    const result = await completeJobWithAsset(db(), lease, asset, announce, { model: 'preview' });
    expect(result.job).toMatchObject({ status: 'completed', progress: 100, model: 'preview' });
    expect(result.asset).toMatchObject({
      id: asset.id,
      jobId: job.id,
      channelId,
      assetType: 'emote',
      visibility: 'private',
    });
    expect(await listAssetsForJob(db(), channelId, job.id)).toEqual([result.asset]);
    const events = await eventsSince(db(), channelId, '0', { audience: 'all', limit: 10 });
    expect(events.slice(-2).map((e) => e.type)).toEqual(['asset.created', 'job.completed']);
    expect(events.at(-2)?.data).toEqual(announce);
  });

  it('stores no asset when the worker no longer holds the job', async () => {
    const channelId = channel();
    const { job, asset } = await attempt(channelId, 'public');
    await expect(
      completeJobWithAsset(db(), { jobId: job.id, holder: 'someone-else' }, asset, announce),
    ).rejects.toThrow(LeaseLostError);
    expect(await listAssetsForJob(db(), channelId, job.id)).toEqual([]);
  });

  it('leaves the job processing, with no event, when its asset cannot be stored', async () => {
    const channelId = channel();
    const { job, asset, lease } = await attempt(channelId, 'public');
    const before = await eventsSince(db(), channelId, '0', { audience: 'all', limit: 10 });
    const [file] = asset.files;
    // The same size twice breaks the (asset, width, height) key after the job was marked completed.
    await expect(
      completeJobWithAsset(db(), lease, { ...asset, files: [file!, file!] }, announce),
    ).rejects.toThrow(/Failed query: insert into "asset_files"/);
    expect(await getJob(db(), channelId, job.id)).toMatchObject({ status: 'processing' });
    expect(await getAsset(db(), channelId, asset.id)).toBeNull();
    expect(await eventsSince(db(), channelId, '0', { audience: 'all', limit: 10 })).toEqual(before);
  });
});
