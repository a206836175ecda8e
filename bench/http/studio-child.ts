import { BENCH_LIMITS } from '../load.js';
import { type Child, freePort, startChild } from './child-process.js';
import type { ServerCommand } from './server-command.js';

/** Settings that would take the server off what the bench chose for it, whatever the shell holds. */
const NOT_OURS = [
  'DATABASE_URL',
  'DATABASE_DIRECT_URL',
  'STORAGE_DRIVER',
  'SUPABASE_URL',
  'SUPABASE_SERVICE_ROLE_KEY',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'TWITCH_EXTENSION_SECRET',
  'TWITCH_EXTENSION_CLIENT_ID',
  'TWITCH_CLIENT_ID',
  'TWITCH_CLIENT_SECRET',
  'PUBLIC_BASE_URL',
  'HOST',
  'PORT',
];

/** Where a server child keeps its data: its own DATA_DIR, and Postgres when a URL is given. */
export interface StudioStore {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
}

/**
 * Starts a Streamer Studio server in a child process on a port of our choosing, local mode,
 * limits raised, and times it from spawn to the first 200 from `/healthz`.
 */
export async function startStudio(
  command: ServerCommand,
  store: StudioStore,
  extra: Record<string, string> = {},
): Promise<Child> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_OURS) delete env[name];
  Object.assign(env, BENCH_LIMITS, extra, {
    DATA_DIR: store.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
  });
  return startChild({ args: command.args, cwd: command.cwd, env, port, healthPath: '/healthz' });
}
