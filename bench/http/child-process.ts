import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A process the bench started and must not leave behind. */
export interface Child {
  readonly pid: number;
  readonly url: string;
  /** Milliseconds from spawn to the first 200 from its health URL. */
  readonly startMs: number;
  /** Everything it printed so far, for an error's report. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/** An error's message with the first non-empty lines of what the child printed, for a report. */
export const firstLines = (message: string, count = 8) =>
  message
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, count)
    .join('\n    ');

const running = new Set<ChildProcess>();
let hooked = false;

/** Kills every child still running when the bench exits, fails or is interrupted: no orphans. */
function killChildrenOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

/** A port free right now on 127.0.0.1 (listen on 0, close, hand the number on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function firstOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ${url} answered 200`);
    const status = await fetch(url).then(
      (r) => r.arrayBuffer().then(() => r.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Spawns `node args…` on `port` and waits, timing it, until `healthPath` answers 200. */
export async function startChild(options: {
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  healthPath: string;
  timeoutMs?: number;
}): Promise<Child> {
  killChildrenOnExit();
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(hard);
  };
  try {
    await firstOk(`${url}${options.healthPath}`, child, options.timeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${options.args.join(' ')}: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { pid: child.pid!, url, startMs: performance.now() - started, output: () => output, stop };
}
