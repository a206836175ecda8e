import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database, Db } from './database.js';
import { openPglite, openPostgres } from './open-database.js';
import { PGLITE_START_PARAMS } from './pglite-start-params.js';
import { loadOrMakeTemplate } from './pglite-template.js';

/** The server real-Postgres tests make their throwaway databases on (`TEST_POSTGRES_URL` overrides it). */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A migrated database for one test file, plus the URL other connections can reach it at. */
export interface TestDatabase extends Database {
  /** Set for real Postgres, so a test can open more connections to the same database. */
  readonly url: string | null;
}

/**
 * A fresh PGlite starts in seconds (initdb), one loaded from the migrated template in a fraction
 * of one: the first test file to need the template makes it (see `pglite-template.ts`).
 */
async function openFromTemplate(): Promise<Database> {
  const template = await loadOrMakeTemplate();
  return openPglite(new PGlite({ loadDataDir: new Blob([template]), startParams: [...PGLITE_START_PARAMS] }));
}

/** An in-memory PGlite, migrated; gone when closed. */
export async function openTestDatabase(): Promise<TestDatabase> {
  return { ...(await openFromTemplate()), url: null };
}

/** True when the test Postgres server answers. */
export async function postgresAvailable(serverUrl = TEST_POSTGRES_URL): Promise<boolean> {
  const client = postgres(serverUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** A fresh, uniquely named database on the test Postgres server, migrated; dropped when closed. */
export async function openPostgresTestDatabase(serverUrl = TEST_POSTGRES_URL): Promise<TestDatabase> {
  const name = `ss_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await admin.unsafe(`create database ${name}`);
    const database = await openPostgres(url.toString());
    return {
      ...database,
      url: url.toString(),
      close: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      },
    };
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    throw error;
  }
}

/** Empties every table, so a test that reads across channels (the job queue) starts clean. */
export async function resetDatabase(db: Db): Promise<void> {
  await db.execute(
    sql`truncate table twitch_oauth_states, twitch_connections, audit_events, event_streams, rate_limit_counters, generation_budget_days, asset_moves, orphan_files, asset_files, assets, jobs, brand_kits, api_tokens, events, channels restart identity cascade`,
  );
}
