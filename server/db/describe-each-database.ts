import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Db, Dialect } from './database.js';
import {
  openPostgresTestDatabase,
  openTestDatabase,
  postgresAvailable,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './test-database.js';

/** What a suite body gets: the file's database, open while its tests run. */
export interface DatabaseContext {
  readonly dialect: Dialect;
  /** The drizzle handle; call it inside a test or hook, not while the suite is being collected. */
  db(): Db;
  database(): TestDatabase;
}

type SuiteBody = (context: DatabaseContext) => void;

const postgresUp = await postgresAvailable();

function describeOn(dialect: Dialect, name: string, body: SuiteBody): void {
  describe(`${name} [${dialect}]`, () => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = dialect === 'postgres' ? await openPostgresTestDatabase() : await openTestDatabase();
    });
    afterAll(async () => {
      await database?.close();
    });
    const current = (): TestDatabase => {
      if (!database) throw new Error('the test database is not open yet');
      return database;
    };
    body({ dialect, db: () => current().db, database: current });
  });
}

/** Runs `body` against real Postgres; fails in CI and is skipped (with a warning) elsewhere when none answers. */
export function describePostgres(name: string, body: SuiteBody): void {
  if (postgresUp) {
    describeOn('postgres', name, body);
    return;
  }
  const why = `no Postgres answers at ${TEST_POSTGRES_URL}`;
  if (process.env.CI === 'true') {
    describe(`${name} [postgres]`, () => {
      it('has a Postgres server to test against', () => {
        throw new Error(`CI must run the Postgres tests, but ${why}`);
      });
    });
    return;
  }
  console.warn(`skipped: ${name} [postgres]: ${why}`);
  describe.skip(`${name} [postgres] (skipped: ${why})`, () => {
    body({
      dialect: 'postgres',
      db: () => {
        throw new Error(why);
      },
      database: () => {
        throw new Error(why);
      },
    });
  });
}

/** Runs `body` once on an in-memory PGlite and once on a fresh real-Postgres database. */
export function describeEachDatabase(name: string, body: SuiteBody): void {
  describeOn('pglite', name, body);
  describePostgres(name, body);
}
