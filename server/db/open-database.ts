import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';
import { PGLITE_START_PARAMS } from './pglite-start-params.js';
import { loadOrMakeTemplate, seedDataDir, TEMPLATE_CACHE, templatePath } from './pglite-template.js';
import * as schema from './schema.js';

export type { Database, Db, Dialect } from './database.js';
export { MIGRATIONS_FOLDER } from './migrations-folder.js';

export interface OpenDatabaseOptions {
  /** A Postgres URL; without one the embedded PGlite under `dataDir` is used. */
  readonly databaseUrl?: string | undefined;
  /** Where LISTEN and the migrations' lock go (see `PostgresOptions`). */
  readonly directUrl?: string | undefined;
  readonly transactionPooling?: boolean;
  readonly dataDir: string;
  /** Where the migrated template a new PGlite data dir starts from is kept (see `pglite-template.ts`). */
  readonly templateCache?: string;
}

/** Opens the configured database and applies every pending migration. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, {
      directUrl: options.directUrl,
      transactionPooling: options.transactionPooling ?? false,
    });
  return openPgliteDir(join(options.dataDir, 'pglite'), options.templateCache ?? TEMPLATE_CACHE);
}

const pgliteAt = (directory: string) => new PGlite(directory, { startParams: [...PGLITE_START_PARAMS] });

/**
 * Opens the PGlite data dir `directory`. A new one is copied from the migrated template rather
 * than made by initdb (seconds, and a ~600 MB peak); should the copy not open, the template is
 * dropped and initdb makes the data dir as it always could.
 */
async function openPgliteDir(directory: string, cache: string): Promise<Database> {
  if (await stat(join(directory, 'PG_VERSION')).catch(() => null)) return openPglite(pgliteAt(directory));
  try {
    await seedDataDir(await loadOrMakeTemplate(cache), directory);
    return await openPglite(pgliteAt(directory));
  } catch {
    await rm(await templatePath(cache), { force: true });
    await rm(directory, { recursive: true, force: true });
  }
  await mkdir(directory, { recursive: true });
  return openPglite(pgliteAt(directory));
}

/** Wraps a PGlite instance (file-backed or in memory), migrated. */
export async function openPglite(client: PGlite): Promise<Database> {
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db,
    dialect: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // In-process: nothing between PGlite and its listeners can drop an announcement.
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  };
}

// Any fixed number: several servers starting together on one Postgres migrate one after another.
const MIGRATION_LOCK = 7_204_611;

/** Applies the migrations over one dedicated connection that holds an advisory lock meanwhile. */
async function migrateLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export interface PostgresOptions {
  /** Connections in the query pool (10). */
  readonly max?: number;
  /**
   * A URL with a session of its own (a direct connection or a session pooler) for what a
   * transaction-mode pooler cannot carry: LISTEN and the migrations' advisory lock.
   */
  readonly directUrl?: string | undefined;
  /** `url` is a transaction-mode pooler: its queries are never prepared, since the next may land elsewhere. */
  readonly transactionPooling?: boolean;
}

/** Connects to Postgres at `url` with a small pool, migrated. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const sessionUrl = options.directUrl ?? url;
  if (options.transactionPooling && !options.directUrl)
    throw new Error('a transaction-mode pooler needs a direct URL for LISTEN and the migrations');
  await migrateLocked(sessionUrl);
  const client = postgres(url, {
    max: options.max ?? 10,
    prepare: !options.transactionPooling,
    onnotice: () => {},
  });
  // postgres-js listens on a connection of its own, made from the client's URL: the direct one.
  const listener = options.directUrl ? postgres(options.directUrl, { max: 1, onnotice: () => {} }) : client;
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, onPayload, onResumed) => {
      // postgres-js listens again by itself after its connection drops, and says so each time.
      let first = true;
      const { unlisten } = await listener.listen(channel, onPayload, () => {
        if (first) first = false;
        else onResumed?.();
      });
      return unlisten;
    },
    close: async () => {
      await client.end({ timeout: 5 });
      if (listener !== client) await listener.end({ timeout: 5 });
    },
  };
}
