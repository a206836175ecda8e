import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Debian puts pgbouncer in /usr/sbin, which is not on every user's PATH. */
const SEARCH_PATH = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];

/** The pgbouncer binary, or undefined when it is not installed. */
export function pgbouncerBinary(): string | undefined {
  return SEARCH_PATH.filter(Boolean)
    .map((dir) => join(dir, 'pgbouncer'))
    .find((path) => existsSync(path));
}

/** Why no pgbouncer can be started here, or undefined when one can. */
export function pgbouncerMissing(): string | undefined {
  return pgbouncerBinary()
    ? undefined
    : 'pgbouncer is not installed (apt-get install --no-install-recommends pgbouncer)';
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A running pgbouncer in front of one Postgres server. */
export interface Pgbouncer {
  readonly port: number;
  /** `postgresUrl` (a database on the upstream server) as reached through this pooler. */
  url(postgresUrl: string): string;
  /** What pgbouncer printed so far, for a failing test's report. */
  log(): string;
  stop(): Promise<void>;
}

export interface PgbouncerOptions {
  /** The Postgres server behind the pooler, as `postgres://user@host:port/…` (trust auth). */
  readonly upstream: string;
  readonly poolMode: 'session' | 'transaction';
  /** Server connections per database and user; more than one lets a client's queries change connection. */
  readonly poolSize?: number;
}

/**
 * Starts pgbouncer from a temp config on a free port, as Supabase's pooler stands in front of its
 * Postgres. pgbouncer refuses to run as root, so under root it drops to the `postgres` user.
 */
export async function startPgbouncer(options: PgbouncerOptions): Promise<Pgbouncer> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error(pgbouncerMissing());
  const upstream = new URL(options.upstream);
  const user = decodeURIComponent(upstream.username || 'postgres');
  const folder = await mkdtemp(join(tmpdir(), 'ss-pgbouncer-'));
  await chmod(folder, 0o755);
  const port = await freePort();
  const config = join(folder, 'pgbouncer.ini');
  await writeFile(join(folder, 'users.txt'), `"${user}" ""\n`, { mode: 0o644 });
  await writeFile(
    config,
    [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(folder, 'users.txt')}`,
      `admin_users = ${user}`,
      `pool_mode = ${options.poolMode}`,
      `default_pool_size = ${options.poolSize ?? 4}`,
      'max_client_conn = 500',
      // What postgres-js sends at connect besides the user and database.
      'ignore_startup_parameters = extra_float_digits,options',
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = process.getuid?.() === 0 ? ['-u', 'postgres', config] : [config];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  // A test process that dies without its afterAll must not leave a pooler behind.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', orphaned);
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pgbouncer did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: (postgresUrl) => {
      const url = new URL(postgresUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    log: () => output,
    stop,
  };
}
