import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `shared/obs/` beside the repo root: here that is /work/shared, and CI copies shared/ next to
 * its clone, so it is found from the repo, never by an absolute path.
 */
export const OBS_SCRIPTS = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'obs');

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));

/** Why no real OBS can be started here, or undefined when one can. Under CI start-obs.sh installs OBS itself. */
export function obsMissing(ci = process.env.CI === 'true'): string | undefined {
  const script = join(OBS_SCRIPTS, 'start-obs.sh');
  if (!existsSync(script)) return `no ${script} (shared/obs/ belongs beside the repo)`;
  const absent = ['obs', 'Xvfb'].filter((command) => !onPath(command));
  if (absent.length > 0 && !ci)
    return `${absent.join(' and ')} not installed: apt-get install --no-install-recommends obs-studio xvfb, or run ${script} once as root`;
  return undefined;
}

/** A headless OBS Studio with obs-websocket 5 on 127.0.0.1, started by start-obs.sh. */
export interface ObsProcess {
  readonly url: string;
  readonly password: string;
  /** OBS's own log so far, for a failing test's report ('' once stopped). */
  log(): Promise<string>;
  /** Stops OBS and its Xvfb and removes its settings folder; safe to call twice. */
  stop(): Promise<void>;
}

/** Held while start-obs.sh runs, by whichever test process is starting an OBS. */
const START_LOCK = join(tmpdir(), 'streamer-studio-start-obs.lock');

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `body` while no other process of ours is starting an OBS. start-obs.sh takes the first X
 * display with no socket yet: two started at once both take :99, one Xvfb gives up, and its OBS
 * draws on the other's, dying with it when that suite stops its OBS (the OBS suite and the e2e
 * suite run side by side and both restart OBS). A lock left by a killed process is taken over.
 */
async function oneStartAtATime<T>(body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const lock = await open(START_LOCK, 'wx');
      await lock.writeFile(String(process.pid));
      await lock.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(START_LOCK, 'utf8').catch(() => ''));
      // No pid yet: the holder is between creating the file and writing it, or died right there.
      const age = Date.now() - ((await stat(START_LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (holder > 0 ? !isAlive(holder) : age > 5_000) await rm(START_LOCK, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`another process (pid ${holder}) has been starting OBS for 3 minutes`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await body();
  } finally {
    await rm(START_LOCK, { force: true });
  }
}

/** Starts OBS with its websocket on `port`, behind `password`; it starts with a fresh profile each time. */
export async function startObs(port: number, password: string): Promise<ObsProcess> {
  let stdout: string;
  try {
    ({ stdout } = await oneStartAtATime(() =>
      run(join(OBS_SCRIPTS, 'start-obs.sh'), [String(port), password], { timeout: 180_000 }),
    ));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`OBS did not start on port ${port}: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
  const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  if (!env.OBS_WS_URL || !env.OBS_PID) throw new Error(`start-obs.sh printed no OBS address:\n${stdout}`);
  let stopping: Promise<void> | undefined;
  return {
    url: env.OBS_WS_URL,
    password,
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

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });

/** The first port in [from, to] nothing listens on: suites running side by side each get their own OBS. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) if (await portFree(port)) return port;
  throw new Error(`no free port for OBS in ${from}–${to}`);
}
