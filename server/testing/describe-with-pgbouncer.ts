import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresAvailable, TEST_POSTGRES_URL } from '../db/test-database.js';
import { type Pgbouncer, pgbouncerMissing, startPgbouncer } from './pgbouncer.js';

/** What a suite body gets: an empty database on the test Postgres, and a transaction-mode pooler in front of it. */
export interface PoolerContext {
  /** The empty database, reached directly: what Supabase calls the direct connection. */
  directUrl(): string;
  /** The same database through pgbouncer in transaction mode, as Supabase's port 6543. */
  pooledUrl(): string;
  pooler(): Pgbouncer;
}

const postgresUp = await postgresAvailable();

/**
 * Runs `body` against real Postgres behind a real pgbouncer (`pool_mode = transaction`). Where
 * either is missing, the suite fails under `CI=true` (CI must run it) and is skipped elsewhere
 * with a `skipped:` line saying why.
 */
export function describeWithPgbouncer(name: string, body: (context: PoolerContext) => void): void {
  const why = postgresUp ? pgbouncerMissing() : `no Postgres answers at ${TEST_POSTGRES_URL}`;
  if (why === undefined) {
    describe(name, () => body(poolerContext()));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Postgres and pgbouncer to test against', () => {
        throw new Error(`CI must run the pooler suite, but ${why}`);
      });
    });
    return;
  }
  console.warn(`skipped: ${name}: ${why}`);
  describe.skip(`${name} (skipped: ${why})`, () => body(poolerContext()));
}

/** Registers the hooks that make the database and start the pooler, and tears both down after. */
function poolerContext(): PoolerContext {
  const name = `ss_pool_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  let running: Pgbouncer | undefined;
  beforeAll(async () => {
    const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`).finally(() => admin.end({ timeout: 5 }));
    running = await startPgbouncer({ upstream: TEST_POSTGRES_URL, poolMode: 'transaction', poolSize: 4 });
  });
  afterAll(async () => {
    await running?.stop();
    const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin
      .unsafe(`drop database if exists ${name} with (force)`)
      .finally(() => admin.end({ timeout: 5 }));
  });
  const pooler = () => {
    if (!running) throw new Error('pgbouncer has not been started yet');
    return running;
  };
  return { directUrl: () => url.toString(), pooledUrl: () => pooler().url(url.toString()), pooler };
}
