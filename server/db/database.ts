import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

/**
 * A drizzle handle over our schema that both drivers satisfy: an open database or a transaction
 * inside one. Every store function takes this, so stores compose inside one `db.transaction()`.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which driver a database runs on. */
export type Dialect = 'pglite' | 'postgres';

/** An open, migrated database. */
export interface Database {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel`, from any connection to this database,
   * until the returned function is called. How several server processes hear of each other.
   * `onResumed` is called when listening starts again after the connection was lost: whatever
   * was announced meanwhile was missed.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onResumed?: () => void,
  ): Promise<() => Promise<void>>;
  /** Closes the connection(s); the database is unusable afterwards. */
  close(): Promise<void>;
}
