import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { createLogger } from './logging/logger.js';
import { type RunningServer, startServer } from './start.js';
import { FakeGeminiServer } from './testing/fake-gemini-server.js';

type JobView = { id: string; status: string; errorCode?: string; errorMessage?: string };
type LogEntry = { msg: string; jobId?: string; code?: string; err?: unknown };

/** A key made at run time, so nothing shaped like a Google key sits in the repository. */
const fakeKey = () => `AIzaTEST-${randomBytes(18).toString('base64url')}`;

/** Queues one emote and waits until its job has finished, either way. */
async function generateAndWait(url: string, token: string | undefined): Promise<JobView> {
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { id } = (await fetch(`${url}/api/v1/generate`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ assetType: 'emote', prompt: 'a cat in sunglasses' }),
  }).then((r) => r.json())) as { id: string };
  let job: JobView = { id, status: 'queued' };
  for (let i = 0; i < 400 && !['completed', 'failed'].includes(job.status); i++) {
    await new Promise((r) => setTimeout(r, 25));
    job = (await fetch(`${url}/api/v1/jobs/${id}`, { headers: auth }).then((r) => r.json())) as JobView;
  }
  return job;
}

/** The job really failed on the echoed key, and the fake really did send the key back. */
function expectFailedOnEchoedKey(job: JobView, fake: FakeGeminiServer, key: string): void {
  expect(job).toMatchObject({ status: 'failed', errorCode: 'PROVIDER_REJECTED' });
  expect(JSON.stringify(job)).not.toContain(key);
  expect(fake.requests).toContainEqual(
    expect.objectContaining({ apiKey: key, outcome: 'echo_key', status: 400 }),
  );
}

/** The worker's line about the failed attempt, once it has been written (it may trail the job row). */
async function failureLine(lines: () => string[]): Promise<LogEntry | undefined> {
  const find = () =>
    lines()
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogEntry)
      .find((entry) => entry.msg === 'job attempt failed');
  for (let i = 0; i < 200 && !find(); i++) await new Promise((r) => setTimeout(r, 25));
  return find();
}

/** Something was logged about the failure, with the key it carried cut out. */
async function expectFailureLogged(lines: () => string[], job: JobView): Promise<void> {
  const failure = await failureLine(lines);
  expect(failure).toMatchObject({ jobId: job.id, code: 'PROVIDER_REJECTED' });
  expect(JSON.stringify(failure?.err)).toContain('key=[redacted]');
}

describe('a Gemini key that an upstream error repeats', () => {
  let running: RunningServer | undefined;
  let fake: FakeGeminiServer | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await running?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('fails the job and reaches no log line', async () => {
    const key = fakeKey();
    fake = await FakeGeminiServer.start();
    fake.script({ kind: 'echo_key' });
    dataDir = await mkdtemp(join(tmpdir(), 'studio-log-redaction-'));
    const environment = { DATA_DIR: dataDir, PORT: '0', GEMINI_API_KEY: key, GEMINI_BASE_URL: fake.url };
    const lines: string[] = [];
    const logger = createLogger('info', {
      secrets: loadConfig(environment).secrets,
      destination: { write: (line: string) => lines.push(line) },
    });
    running = await startServer(environment, { logger });

    const job = await generateAndWait(running.url, running.localToken);

    expectFailedOnEchoedKey(job, fake, key);
    await expectFailureLogged(() => lines, job);
    for (const line of lines) expect(line).not.toContain(key);
  });

  it('reaches no line that `npm start` prints', async () => {
    const key = fakeKey();
    fake = await FakeGeminiServer.start();
    fake.script({ kind: 'echo_key' });
    dataDir = await mkdtemp(join(tmpdir(), 'studio-log-redaction-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'info',
        GEMINI_API_KEY: key,
        GEMINI_BASE_URL: fake.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
          const token = /export TOKEN=(\S+)/.exec(output)?.[1];
          if (url && token) resolve({ url, token });
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
      });

      const job = await generateAndWait(url, token);

      expectFailedOnEchoedKey(job, fake, key);
      await expectFailureLogged(() => output.split('\n'), job);
      // Nothing logs the dev secret today; this keeps it that way.
      const devSecret = (await readFile(join(dataDir, 'dev-secret'), 'utf8')).trim();
      expect(output).not.toContain(key);
      expect(output).not.toContain(devSecret);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
