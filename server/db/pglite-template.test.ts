import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChannel, getChannel } from '../channels/channel-store.js';
import type { Database } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';
import { openDatabase } from './open-database.js';
import { readTemplate, saveTemplate, templatePath } from './pglite-template.js';
import * as schema from './schema.js';

const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

/** How many migrations the database has recorded, and whether every table of the last one is there. */
async function migrated(database: Database) {
  // PGlite's driver answers with { rows }.
  const result = (await database.db.execute(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  )) as unknown as { rows: { count: number }[] };
  const applied = result.rows[0];
  await ensureChannel(database.db, 'fresh', 'Fresh Channel');
  return { applied: applied?.count, channel: (await getChannel(database.db, 'fresh'))?.displayName };
}

/** A template as an older checkout would have made it: only the first migration applied, and a table that marks it. */
async function olderTemplate(dir: string): Promise<Uint8Array> {
  const folder = join(dir, 'first-migration-only');
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const first = { ...journal, entries: journal.entries.slice(0, 1) };
  await writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify(first));
  const client = new PGlite();
  try {
    await migrate(drizzle({ client, schema }), { migrationsFolder: folder });
    await client.exec('create table made_from_template (id int)');
    return new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  } finally {
    await client.close();
  }
}

describe('a new PGlite data dir from the migrated template', () => {
  let dir: string;
  let cache: string;
  let count = 0;
  const open = () => openDatabase({ dataDir: join(dir, `data-${count++}`), templateCache: cache });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ss-template-'));
    cache = join(dir, 'cache');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes the template on the first fresh open, and a second fresh open is fully migrated from it', async () => {
    const first = await open();
    await first.close();
    expect(await readTemplate(await templatePath(cache))).not.toBeNull();

    const second = await open();
    try {
      expect(await migrated(second)).toEqual({ applied: journal.entries.length, channel: 'Fresh Channel' });
    } finally {
      await second.close();
    }
  }, 120_000);

  it('starts from the template, and applies the migrations a template older than the code lacks', async () => {
    await saveTemplate(await templatePath(cache), await olderTemplate(dir));
    const database = await open();
    try {
      expect(journal.entries.length).toBeGreaterThan(1);
      await database.db.execute(sql`select * from made_from_template`);
      expect(await migrated(database)).toEqual({ applied: journal.entries.length, channel: 'Fresh Channel' });
    } finally {
      await database.close();
    }
  }, 120_000);

  it('makes a damaged template again rather than load it', async () => {
    const path = await templatePath(cache);
    const packed = await readFile(path);
    await writeFile(path, packed.subarray(0, packed.length / 2));
    const database = await open();
    try {
      expect(await migrated(database)).toEqual({ applied: journal.entries.length, channel: 'Fresh Channel' });
      expect(await readTemplate(path)).not.toBeNull();
    } finally {
      await database.close();
    }
  }, 120_000);

  it('falls back to initdb when the template unpacks to no database, and drops it', async () => {
    const path = await templatePath(cache);
    await writeFile(path, gzipSync(Buffer.alloc(4096)));
    const database = await open();
    try {
      expect(await migrated(database)).toEqual({ applied: journal.entries.length, channel: 'Fresh Channel' });
      expect(await readTemplate(path)).toBeNull();
    } finally {
      await database.close();
    }
  }, 120_000);
});
