import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureChannel, getChannel } from '../channels/channel-store.js';
import { describeEachDatabase } from './describe-each-database.js';
import { openDatabase } from './open-database.js';

const TABLES = [
  'api_tokens',
  'asset_files',
  'asset_moves',
  'assets',
  'audit_events',
  'brand_kits',
  'channels',
  'chat_cooldowns',
  'chat_settings',
  'event_streams',
  'events',
  'generation_budget_days',
  'jobs',
  'orphan_files',
  'packs',
  'rate_limit_counters',
  'reference_images',
  'service_leases',
  'twitch_connections',
  'twitch_oauth_states',
  'twitch_receipts',
  'twitch_rewards',
  'twitch_triggers',
];

describeEachDatabase('migrations', ({ db, database }) => {
  it('create every table on a fresh database', async () => {
    const rows = await db()
      .select({ name: sql<string>`table_name` })
      .from(sql`information_schema.tables`)
      .where(sql`table_schema = 'public'`);
    expect(rows.map((row) => row.name).sort()).toEqual(TABLES);
  });

  it('answers a ping', async () => {
    await expect(database().ping()).resolves.toBeUndefined();
  });
});

describe('openDatabase with a data directory', () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps rows across a close and a reopen (embedded PGlite on disk)', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ss-db-'));
    const first = await openDatabase({ dataDir });
    expect(first.dialect).toBe('pglite');
    await ensureChannel(first.db, 'durable', 'Durable Channel');
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await getChannel(second.db, 'durable')).toMatchObject({ displayName: 'Durable Channel' });
    } finally {
      await second.close();
    }
  });
});
