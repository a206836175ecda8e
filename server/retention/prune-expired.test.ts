import { expect, it } from 'vitest';
import { listAudit, recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { eventStreams, generationBudgetDays, rateLimitCounters } from '../db/schema.js';
import { resetDatabase } from '../db/test-database.js';
import { appendEvent, eventsSince } from '../events/event-store.js';
import { countHit, openStreamLease, takeGenerationUnit } from '../limits/index.js';
import { takeReceipt } from '../twitch-bot/twitch-receipts.js';
import { pruneExpired } from './prune-expired.js';

const caller: Caller = {
  channelId: 'keep',
  role: 'broadcaster',
  userId: null,
  principal: 'twitch:Ukeep',
  via: 'extension_jwt',
};
const DAY = 24 * 60 * 60_000;

describeEachDatabase('pruning what outlived its use', ({ db }) => {
  it('deletes old events, audit entries past retention, ended rate windows and dead stream leases; keeps the rest', async () => {
    await resetDatabase(db());
    const now = new Date();
    await recordAudit(db(), caller, 'job.create', 'recent');
    await appendEvent(db(), {
      channelId: 'keep',
      type: 'asset.deleted',
      audience: 'public',
      data: { id: 'x' },
    });
    await countHit(db(), 'old-window', 60_000, new Date(now.getTime() - 20 * 60_000));
    await countHit(db(), 'this-window', 60_000, now);
    await openStreamLease(db(), 'p-dead', 5, new Date(now.getTime() - DAY));
    await openStreamLease(db(), 'p-live', 5, now);
    await takeGenerationUnit(db(), 'keep', 100, new Date(now.getTime() - 8 * DAY));
    await takeGenerationUnit(db(), 'keep', 100, new Date(now.getTime() - DAY));
    await takeReceipt(db(), 'chat:two-days-old', new Date(now.getTime() - 2 * DAY));
    await takeReceipt(db(), 'chat:just-now', now);

    const later = new Date(now.getTime() + 1000);
    expect(await pruneExpired(db(), { eventsMs: 15 * 60_000, auditDays: 90 }, later)).toEqual({
      events: 0,
      audit: 0,
      rateWindows: 1,
      streams: 1,
      budgetDays: 1,
      twitchReceipts: 1,
    });
    // A message Twitch resent within the day is still recognised.
    expect(await takeReceipt(db(), 'chat:just-now')).toBe(false);
    // Yesterday's count stays: a job that took its unit then may still fail and give it back.
    expect(await db().select().from(generationBudgetDays)).toHaveLength(1);
    expect((await db().select().from(rateLimitCounters)).map((row) => row.bucket)).toEqual(['this-window']);
    expect((await db().select().from(eventStreams)).map((row) => row.principal)).toEqual(['p-live']);

    const muchLater = new Date(now.getTime() + 91 * DAY);
    expect(await pruneExpired(db(), { eventsMs: 15 * 60_000, auditDays: 90 }, muchLater)).toMatchObject({
      events: 1,
      audit: 1,
    });
    expect((await listAudit(db(), 'keep')).items).toEqual([]);
    expect(await eventsSince(db(), 'keep', '0', { audience: 'all', limit: 10 })).toEqual([]);
  });
});
