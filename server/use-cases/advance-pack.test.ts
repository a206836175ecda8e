import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, jobs, packs } from '../db/schema.js';
import { openTestDatabase, type TestDatabase } from '../db/test-database.js';
import type { PackPiece } from '../packs/index.js';
import { advancePack } from './advance-pack.js';
import type { Services } from './services.js';

let database: TestDatabase;
let wakes = 0;
const services = () =>
  ({
    database,
    jobs: {
      wake: () => {
        wakes += 1;
      },
    },
    limits: { queuedJobsPerChannel: 100, dailyGenerationBudget: 100, generatesPerMinute: 100 },
  }) as unknown as Services;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A running pack of `pieces` on a fresh channel; its lead's job (if `lead` is given) in that status. */
async function packOf(pieces: PackPiece[], lead?: 'queued' | 'completed' | 'failed' | 'cancelled') {
  const channelId = `adv-${randomUUID().slice(0, 8)}`;
  const id = randomUUID();
  await database.db.insert(channels).values({ id: channelId, displayName: channelId });
  await database.db
    .insert(packs)
    .values({ id, channelId, visibility: 'private', subjects: [], pieces, status: 'running' });
  if (lead)
    await database.db.insert(jobs).values({
      id: randomUUID(),
      channelId,
      assetType: pieces[0]!.assetType,
      prompt: pieces[0]!.prompt,
      visibility: 'private',
      status: lead,
      packId: id,
      packPiece: pieces[0]!.key,
      ...(lead === 'failed' ? { errorCode: 'NO_IMAGE' as const, errorMessage: 'no image came back' } : {}),
      runAt: new Date(),
    });
  return { channelId, id };
}

const piece = (key: string, prompt = `a ${key}`): PackPiece => ({
  key,
  assetType: 'emote',
  prompt,
  title: key,
});
const pieceJobs = async (id: string) =>
  (await database.db.select().from(jobs).where(eq(jobs.packId, id))).map((job) => job.packPiece).sort();

describe('advancePack', () => {
  it('queues nothing while the lead is still to be drawn', async () => {
    const { channelId, id } = await packOf([piece('lead'), piece('two')], 'queued');
    expect(await advancePack(services(), channelId, id)).toEqual({ queued: 0, status: 'running' });
    expect(await pieceJobs(id)).toEqual(['lead']);
  });

  it('queues the lead of a pack that has none (made, then cut short before queueing)', async () => {
    const { channelId, id } = await packOf([piece('lead'), piece('two')]);
    const before = wakes;
    expect(await advancePack(services(), channelId, id)).toEqual({ queued: 1, status: 'running' });
    expect(await pieceJobs(id)).toEqual(['lead']);
    expect(wakes).toBe(before + 1);
  });

  it('stops with the lead’s code when the lead failed, and cancels when it was cancelled', async () => {
    const failed = await packOf([piece('lead'), piece('two')], 'failed');
    expect(await advancePack(services(), failed.channelId, failed.id)).toEqual({
      queued: 0,
      status: 'stopped',
    });
    const [row] = await database.db.select().from(packs).where(eq(packs.id, failed.id));
    expect(row).toMatchObject({
      stopCode: 'NO_IMAGE',
      stopMessage: expect.stringMatching(/no image came back/),
    });
    const cancelled = await packOf([piece('lead'), piece('two')], 'cancelled');
    expect(await advancePack(services(), cancelled.channelId, cancelled.id)).toEqual({
      queued: 0,
      status: 'cancelled',
    });
    expect(await pieceJobs(cancelled.id)).toEqual(['lead']);
  });

  it('stops, rather than running forever, at a piece whose text cannot be queued', async () => {
    const { channelId, id } = await packOf(
      [piece('lead'), piece('ok'), piece('bad', '{{ }}'), piece('after')],
      'completed',
    );
    expect(await advancePack(services(), channelId, id)).toEqual({ queued: 1, status: 'running' });
    const [row] = await database.db.select().from(packs).where(eq(packs.id, id));
    expect(row!.stopCode).toBe('INVALID_INPUT');
    expect(await pieceJobs(id)).toEqual(['lead', 'ok']);
    // Once the piece in flight ends, the pack ends stopped.
    await database.db.update(jobs).set({ status: 'completed' }).where(eq(jobs.packId, id));
    expect(await advancePack(services(), channelId, id)).toEqual({ queued: 0, status: 'stopped' });
  });

  it('answers null for a pack of another channel and touches nothing', async () => {
    const { id } = await packOf([piece('lead')], 'completed');
    expect(await advancePack(services(), 'someone-else', id)).toEqual({ queued: 0, status: null });
  });
});
