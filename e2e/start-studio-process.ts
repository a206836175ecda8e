import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedEnvironment } from '../server/config/embedded-environment.js';
import { startArguments } from '../tools/start-arguments.js';

const ROOT = join(import.meta.dirname, '..');

/** A server started as `npm start` starts it, on a data dir of its own. */
export interface StudioProcess {
  readonly url: string;
  /** The broadcaster token for channel "local" that the banner prints. */
  readonly token: string;
  /** Everything the build and the server printed so far, for a failing test's report. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its data dir. */
  stop(): Promise<void>;
}

/** What `npm start` gets on a fresh machine: embedded defaults, whatever the shell holds. */
function studioEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return embeddedEnvironment(process.env, { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...extra });
}

/** `node --import tsx <script>` with the runner's own node, so Node 20 and Node 24 CI runs each test theirs. */
function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess, sink: (text: string) => void): void {
  child.stdout?.on('data', (chunk: Buffer) => sink(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => sink(chunk.toString()));
}

/** `npm start`'s first half: builds the fronts and compiles the server into dist/ unless they are fresh. */
async function buildIfStale(env: NodeJS.ProcessEnv, log: (text: string) => void): Promise<void> {
  const build = tsx('tools/build.ts', ['--if-stale'], env);
  collect(build, log);
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error(`tools/build.ts --if-stale exited with ${code}`);
}

function waitForBanner(child: ChildProcess, output: () => string): Promise<{ url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const url = output().match(/running at (http:\/\/\S+)/)?.[1];
      const token = output().match(/export TOKEN=(\S+)/)?.[1];
      if (url && token) resolve({ url, token });
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before its banner`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Streamer Studio the way `npm start` does (`node --import tsx tools/build.ts --if-stale
 * && node <its flags> dist/server/main.js`) on a fresh temp DATA_DIR and a free port, and reads the URL and token from
 * its banner. `env` adds settings of its own (the bench raises the rate limits).
 */
export async function startStudioProcess(
  options: { env?: Record<string, string> } = {},
): Promise<StudioProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'studio-e2e-'));
  const env = studioEnv(dataDir, options.env ?? {});
  let output = '';
  const log = (text: string) => {
    output += text;
  };
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server) await kill(server);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await buildIfStale(env, log);
    server = spawn(process.execPath, startArguments(ROOT), {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collect(server, log);
    const { url, token } = await waitForBanner(server, () => output);
    return { url, token, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`Streamer Studio did not start: ${(error as Error).message}\n${output}`, {
      cause: error,
    });
  }
}
