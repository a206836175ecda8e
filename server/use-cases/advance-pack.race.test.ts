import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { describePostgres } from '../db/describe-each-database.js';
import { openPostgres } from '../db/open-database.js';
import { channels, jobs, packs } from '../db/schema.js';
import { planPack } from '../packs/index.js';
import { advancePack, PACK_WINDOW } from './advance-pack.js';
import type { Services } from './services.js';

const PROCESSES = 4;

/** What `advancePack` reads of a server process's services, on one connection of its own. */
const servicesOn = (database: Database, dailyGenerationBudget: number): Services =>
  ({
    database,
    jobs: { wake: () => {} },
    limits: { queuedJobsPerChannel: 100, dailyGenerationBudget, generatesPerMinute: 100 },
  }) as unknown as Services;

describePostgres('advancing one pack from several server processes at once', ({ db, database }) => {
  const connections: Database[] = [];

  beforeAll(async () => {
    for (let i = 0; i < PROCESSES; i++) connections.push(await openPostgres(database().url!, { max: 1 }));
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  /** A pack whose lead job already completed (queued by nobody here), as a crash would leave it. */
  async function packWithCompletedLead(channelId: string) {
    const pieces = planPack();
    const id = randomUUID();
    await db().insert(channels).values({ id: channelId, displayName: channelId }).onConflictDoNothing();
    await db()
      .insert(packs)
      .values({ id, channelId, visibility: 'private', subjects: [], pieces, status: 'running' });
    await db()
      .insert(jobs)
      .values({
        id: randomUUID(),
        channelId,
        assetType: pieces[0]!.assetType,
        prompt: pieces[0]!.prompt,
        visibility: 'private',
        status: 'completed',
        progress: 100,
        packId: id,
        packPiece: pieces[0]!.key,
        idempotencyKey: `pack:${id}:${pieces[0]!.key}`,
        runAt: new Date(),
      });
    return { id, pieces };
  }

  /** Every process advances the pack at once, a few times over. */
  const race = (channelId: string, packId: string, budget: number) =>
    Promise.all(
      connections.map(async (connection) => {
        for (let round = 0; round < 3; round++)
          await advancePack(servicesOn(connection, budget), channelId, packId);
      }),
    );

  /** The pack's jobs, and finishes those in flight, as the worker would. */
  async function finishInFlight(packId: string) {
    const rows = await db().select().from(jobs).where(eq(jobs.packId, packId));
    const inFlight = rows.filter((row) => row.status === 'queued').map((row) => row.id);
    expect(inFlight.length).toBeLessThanOrEqual(PACK_WINDOW);
    if (inFlight.length)
      await db()
        .update(jobs)
        .set({ status: 'completed', progress: 100 })
        .where(and(eq(jobs.packId, packId), inArray(jobs.id, inFlight)));
    return rows;
  }

  const statusOf = async (id: string) =>
    (
      await db()
        .select({ status: packs.status, stopCode: packs.stopCode })
        .from(packs)
        .where(eq(packs.id, id))
    )[0]!;

  it('queues every piece exactly once, never more than the window at a time', async () => {
    const channelId = `race-${randomUUID().slice(0, 8)}`;
    const { id, pieces } = await packWithCompletedLead(channelId);
    for (let step = 0; step < pieces.length && (await statusOf(id)).status === 'running'; step++) {
      await race(channelId, id, 1000);
      await finishInFlight(id);
    }
    await race(channelId, id, 1000);
    const rows = await finishInFlight(id);
    expect(rows.map((row) => row.packPiece).sort()).toEqual(pieces.map((piece) => piece.key).sort());
    expect(await statusOf(id)).toEqual({ status: 'completed', stopCode: null });
  }, 60_000);

  it('spends exactly the budget left, and stops there', async () => {
    const channelId = `race-${randomUUID().slice(0, 8)}`;
    const { id, pieces } = await packWithCompletedLead(channelId);
    for (let step = 0; step < pieces.length && (await statusOf(id)).status === 'running'; step++) {
      await race(channelId, id, 5);
      await finishInFlight(id);
    }
    const rows = await finishInFlight(id);
    // The lead (made before this day's budget counted it) and the five pieces the budget paid for.
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.packPiece)).size).toBe(6);
    expect(await statusOf(id)).toEqual({ status: 'stopped', stopCode: 'BUDGET_EXHAUSTED' });
  }, 60_000);
});
