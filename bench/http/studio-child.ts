import { embeddedEnvironment } from '../../server/config/embedded-environment.js';
import { BENCH_LIMITS } from '../load.js';
import { type Child, freePort, startChild } from './child-process.js';
import type { ServerCommand } from './server-command.js';

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
  const env = embeddedEnvironment(process.env, {
    ...BENCH_LIMITS,
    ...extra,
    DATA_DIR: store.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
  });
  return startChild({ args: command.args, cwd: command.cwd, env, port, healthPath: '/healthz' });
}
