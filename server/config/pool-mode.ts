/**
 * How a Postgres URL is pooled. A transaction-mode pooler (Supabase's Supavisor on port 6543,
 * PgBouncer with `pool_mode=transaction`) hands each transaction whichever server connection is
 * free: a prepared statement made on one is missing on the next, a LISTEN hears nothing once its
 * transaction ends, and a session advisory lock stays with a connection we no longer hold.
 */
export type PoolMode = 'session' | 'transaction';

/** The port Supabase's pooler answers in transaction mode (session mode is 5432). */
export const TRANSACTION_POOLER_PORT = '6543';

/** The query parameter Prisma and others use to mark a PgBouncer URL in transaction mode. */
const POOLER_HINT = 'pgbouncer';

/** A URL's pool mode and, when it is transaction mode, the words that say how we know. */
export interface DetectedPoolMode {
  readonly mode: PoolMode;
  readonly because: string;
}

/**
 * Tells how `url` is pooled: `declared` (DATABASE_POOL_MODE) wins; otherwise port 6543 or
 * `?pgbouncer=true` mean transaction mode, anything else a session of its own.
 */
export function detectPoolMode(
  url: string,
  declared?: PoolMode,
  variable = 'DATABASE_URL',
): DetectedPoolMode {
  if (declared) return { mode: declared, because: `DATABASE_POOL_MODE=${declared}` };
  const parsed = new URL(url);
  if (parsed.port === TRANSACTION_POOLER_PORT)
    return {
      mode: 'transaction',
      because: `${variable} uses port ${TRANSACTION_POOLER_PORT}, Supabase's transaction pooler`,
    };
  if (parsed.searchParams.get(POOLER_HINT) === 'true')
    return { mode: 'transaction', because: `${variable} has ${POOLER_HINT}=true` };
  return { mode: 'session', because: `${variable} is a direct connection or a session pooler` };
}

/**
 * `url` without `pgbouncer=…`: postgres-js sends unknown query parameters to the server as
 * settings, and both Postgres and the pooler refuse that one.
 */
export function withoutPoolerHint(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has(POOLER_HINT)) return url;
  parsed.searchParams.delete(POOLER_HINT);
  return parsed.toString();
}
