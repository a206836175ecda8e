import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The scripts that start and stop a real OBS: in `shared/` beside the repo, here and in CI
 * (where the repo is cloned elsewhere with `shared/` copied next to it).
 */
export const OBS_SCRIPTS = join(import.meta.dirname, '..', '..', 'shared', 'obs');

/** A headless OBS Studio with obs-websocket 5, started by `start-obs.sh`. */
export interface ObsProcess {
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  readonly password: string;
  /** OBS's own log so far ('' once stopped), for a failing test's report. */
  log(): Promise<string>;
  /** Stops OBS and its Xvfb and removes its config dir; safe to call twice. */
  stop(): Promise<void>;
}

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));

/** Why a real OBS cannot be started here, or undefined when it can. */
export function obsMissing(): string | undefined {
  if (!existsSync(join(OBS_SCRIPTS, 'start-obs.sh')))
    return `no ${join(OBS_SCRIPTS, 'start-obs.sh')} (shared/obs/ belongs beside the repo)`;
  const absent = ['obs', 'Xvfb'].filter((command) => !onPath(command));
  if (absent.length > 0)
    return `${absent.join(' and ')} not installed; apt-get install --no-install-recommends obs-studio xvfb (or run ../shared/obs/start-obs.sh once as root)`;
  return undefined;
}

/** Reads the `export NAME=value` lines start-obs.sh prints. */
function exportsOf(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Starts OBS with obs-websocket on `127.0.0.1:port`, protected by `password`. */
export async function startObs(port: number, password: string): Promise<ObsProcess> {
  let stdout: string;
  try {
    ({ stdout } = await run(join(OBS_SCRIPTS, 'start-obs.sh'), [String(port), password], {
      timeout: 180_000,
    }));
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`OBS did not start on port ${port}: ${stderr.trim() || (error as Error).message}`, {
      cause: error,
    });
  }
  const env = exportsOf(stdout);
  if (!env.OBS_WS_URL || !env.OBS_PID) throw new Error(`start-obs.sh printed no OBS address:\n${stdout}`);
  let stopping: Promise<void> | undefined;
  return {
    url: env.OBS_WS_URL,
    password: env.OBS_WS_PASSWORD ?? password,
    log: () => readFile(join(env.OBS_HOME ?? '', 'obs.log'), 'utf8').catch(() => ''),
    stop() {
      stopping ??= run(join(OBS_SCRIPTS, 'stop-obs.sh'), [], {
        env: { ...process.env, ...env },
        timeout: 30_000,
      }).then(() => undefined);
      return stopping;
    },
  };
}
