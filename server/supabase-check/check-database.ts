import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import type { Config } from '../config/index.js';
import { MIGRATIONS_FOLDER } from '../db/open-database.js';
import { type CheckResult, failed, passed } from './check-result.js';

export interface DatabaseCheckOptions {
  /** How long LISTEN may wait for the probe's NOTIFY (3 s). */
  readonly listenTimeoutMs?: number;
  /** Seconds to wait for a connection (10). */
  readonly connectTimeoutS?: number;
}

type Sql = ReturnType<typeof postgres>;

const DASHBOARD_STRINGS =
  'the Supabase dashboard: Connect (or Project Settings → Database), Connection string';

/**
 * Checks the database as the server will use it: connects through each URL, hears a NOTIFY sent
 * through DATABASE_URL on the URL the server listens on, and compares the migrations applied with
 * this version's. Never prints a URL (they hold the password).
 */
export async function checkDatabase(
  config: Config,
  options: DatabaseCheckOptions = {},
): Promise<CheckResult[]> {
  const { databaseUrl, databaseDirectUrl, transactionPooling } = config;
  if (!databaseUrl)
    return [
      failed(
        'DATABASE_URL',
        'not set: the server would keep its data in the embedded PGlite under DATA_DIR, not in Supabase',
        `paste the "Transaction pooler" string from ${DASHBOARD_STRINGS} into DATABASE_URL, and the "Direct connection" one into DATABASE_DIRECT_URL`,
      ),
    ];
  const results: CheckResult[] = [poolingResult(config), ...checkPoolerUsers(config)];
  const connectTimeout = options.connectTimeoutS ?? 10;
  const open = (url: string, prepare: boolean): Sql =>
    postgres(url, { max: 1, prepare, connect_timeout: connectTimeout, onnotice: () => {} });
  const query = open(databaseUrl, !transactionPooling);
  const session = databaseDirectUrl ? open(databaseDirectUrl, true) : query;
  const sessionVariable = databaseDirectUrl ? 'DATABASE_DIRECT_URL' : 'DATABASE_URL';
  try {
    results.push(await connects('DATABASE_URL', databaseUrl, query));
    if (databaseDirectUrl) results.push(await connects('DATABASE_DIRECT_URL', databaseDirectUrl, session));
    if (results.some((result) => !result.ok)) return results;
    results.push(await listens(sessionVariable, session, query, config, options.listenTimeoutMs ?? 3_000));
    results.push(await migrations(session));
    return results;
  } finally {
    await query.end({ timeout: 5 });
    if (session !== query) await session.end({ timeout: 5 });
  }
}

function poolingResult(config: Config): CheckResult {
  if (config.transactionPooling)
    return passed(
      'DATABASE_URL pooling',
      'Transaction pooler: queries go unprepared; LISTEN and migrations use DATABASE_DIRECT_URL',
    );
  return passed(
    'DATABASE_URL pooling',
    config.databaseDirectUrl
      ? 'a session of its own (Direct connection or Session pooler); LISTEN and migrations use DATABASE_DIRECT_URL'
      : 'a session of its own (Direct connection or Session pooler): queries, LISTEN and migrations all use it',
  );
}

/** Supabase's pooler knows a project only by the user `postgres.<ref>`; plain `postgres` is the direct connection's. */
export function checkPoolerUsers(config: Pick<Config, 'databaseUrl' | 'databaseDirectUrl'>): CheckResult[] {
  const urls = { DATABASE_URL: config.databaseUrl, DATABASE_DIRECT_URL: config.databaseDirectUrl };
  return Object.entries(urls).flatMap(([variable, url]) => {
    if (!url) return [];
    const parsed = new URL(url);
    if (!parsed.hostname.endsWith('.pooler.supabase.com') || parsed.username.includes('.')) return [];
    return [
      failed(
        `${variable} user`,
        `the pooler needs the user postgres.<project ref>; this URL has "${decodeURIComponent(parsed.username)}"`,
        `copy the pooler string from ${DASHBOARD_STRINGS}: its user is postgres.<project ref>`,
      ),
    ];
  });
}

async function connects(variable: string, url: string, sql: Sql): Promise<CheckResult> {
  const started = Date.now();
  try {
    const [row] =
      await sql`select current_setting('server_version') as version, current_database() as database`;
    return passed(
      `${variable} connects`,
      `Postgres ${String(row?.version).split(' ')[0]}, database ${String(row?.database)}, in ${Date.now() - started} ms`,
    );
  } catch (error) {
    const { found, fix } = explainConnectionError(error, url);
    return failed(`${variable} connects`, found, fix);
  }
}

/** A connection failure in the words of the dashboard, and the fix; never the URL or its password. */
export function explainConnectionError(error: unknown, url: string): { found: string; fix?: string } {
  const { code = '', message = String(error) } = error as { code?: string; message?: string };
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  if (code === '28P01')
    return {
      found: 'password authentication failed',
      fix: 'put the database password in place of [YOUR-PASSWORD], URL-encoded; lost it? Project Settings → Database → Reset database password',
    };
  if (/tenant or user not found/i.test(message))
    return {
      found: 'the pooler answered "Tenant or user not found"',
      fix: `the pooler's user is postgres.<project ref> and its host names your project's region: copy the string from ${DASHBOARD_STRINGS}`,
    };
  if (code === '3D000')
    return { found: message, fix: "Supabase's database is named postgres: end the URL with /postgres" };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { found: `host ${hostname} not found`, fix: `copy the host from ${DASHBOARD_STRINGS}` };
  if (code === 'ECONNREFUSED')
    return {
      found: `nothing answers at ${where}`,
      fix: 'the ports are 5432 (Direct connection, Session pooler) and 6543 (Transaction pooler)',
    };
  if (/ssl|encryption/i.test(message))
    return { found: message, fix: 'add ?sslmode=require to the URL (Database → SSL Configuration)' };
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'CONNECT_TIMEOUT', 'ETIMEDOUT'].includes(code))
    return {
      found: `cannot reach ${where} (${code})`,
      fix: /^db\.[^.]+\.supabase\.co$/.test(hostname)
        ? 'the Direct connection is IPv6 only unless the project has the IPv4 add-on: where this machine has no IPv6, use the "Session pooler" string (port 5432) instead'
        : 'check the host and port, and Database → Network Restrictions',
    };
  return { found: `${code ? `${code}: ` : ''}${message}` };
}

/** LISTEN where the server will, NOTIFY through DATABASE_URL, as one server process tells another. */
async function listens(
  variable: string,
  session: Sql,
  query: Sql,
  config: Config,
  timeoutMs: number,
): Promise<CheckResult> {
  const channel = `supabase_check_${process.pid}_${Date.now()}`;
  let heard!: () => void;
  const heardIt = new Promise<void>((resolve) => {
    heard = resolve;
  });
  const checked = `LISTEN on ${variable}`;
  try {
    const { unlisten } = await session.listen(channel, () => heard());
    const started = Date.now();
    try {
      await query`select pg_notify(${channel}, 'probe')`;
      const inTime = await Promise.race([
        heardIt.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, false)),
      ]);
      if (inTime)
        return passed(
          checked,
          `heard a NOTIFY sent through DATABASE_URL in ${Date.now() - started} ms: events reach every server process`,
        );
    } finally {
      await unlisten();
    }
  } catch (error) {
    return failed(checked, (error as Error).message);
  }
  return failed(
    checked,
    `heard nothing in ${timeoutMs / 1000} s: ${variable} goes through a transaction pooler, so one server process would never hear another's events`,
    config.databaseDirectUrl
      ? `set DATABASE_DIRECT_URL to the "Direct connection" string (or the "Session pooler" one, port 5432) from ${DASHBOARD_STRINGS}`
      : 'DATABASE_URL is a transaction pooler the URL does not show: set DATABASE_POOL_MODE=transaction and DATABASE_DIRECT_URL to the "Direct connection" string',
  );
}

/** The migrations drizzle recorded against this version's folder: applied, pending (applied at start) or unknown. */
async function migrations(sql: Sql): Promise<CheckResult> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as name`;
  const applied = table?.name
    ? (await sql`select created_at from drizzle.__drizzle_migrations`).map((row) => Number(row.created_at))
    : [];
  const known = new Set(files.map((file) => file.folderMillis));
  const newest = Math.max(0, ...applied);
  const unknown = applied.filter((when) => !known.has(when) && when > Math.max(...known));
  if (unknown.length > 0)
    return failed(
      'migrations',
      `the database has ${unknown.length} migration(s) newer than this version's: a newer server version migrated it`,
      'run the newer version of the server against this database',
    );
  // drizzle applies every migration newer than the newest recorded one, as the server's start will.
  const pending = files.filter((file) => file.folderMillis > newest);
  const total = files.length;
  if (applied.length === 0)
    return passed(
      'migrations',
      `none applied yet (an empty database): the server applies all ${total} at start`,
    );
  if (pending.length === 0) return passed('migrations', `all ${total} applied`);
  return passed(
    'migrations',
    `${total - pending.length} of ${total} applied, ${pending.length} pending: the server applies them at start`,
  );
}
