import postgres from 'postgres';

/** Where a bench server keeps its rows: PGlite in its DATA_DIR, or a Postgres database of the bench's own. */
export interface BenchDatabase {
  readonly name: string;
  /** A new, empty database's URL (undefined: embedded), dropping what an earlier run left. */
  fresh(): Promise<string | undefined>;
  /** Drops the database `fresh()` made, if any. */
  drop(): Promise<void>;
}

/** PGlite, inside the server's DATA_DIR: nothing to make or drop. */
export const embedded: BenchDatabase = {
  name: 'embedded (PGlite)',
  fresh: async () => undefined,
  drop: async () => undefined,
};

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'studio_bench';

async function admin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The Postgres at BENCH_POSTGRES_URL (default: local, user postgres), or why it cannot be used. */
export async function postgresDatabase(): Promise<BenchDatabase | { skipped: string }> {
  try {
    await admin((sql) => sql`select 1`);
  } catch (error) {
    return {
      skipped: `no Postgres at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${(error as Error).message})`,
    };
  }
  const drop = () =>
    admin((sql) => sql.unsafe(`drop database if exists ${DATABASE} with (force)`)).then(() => undefined);
  return {
    name: 'Postgres',
    async fresh() {
      await drop();
      await admin((sql) => sql.unsafe(`create database ${DATABASE}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${DATABASE}`;
      return url.toString();
    },
    drop,
  };
}
