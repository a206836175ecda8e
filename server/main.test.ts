import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Runs `npm start`'s entry point with `env`, resolving once the banner has printed the URL and token. */
function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; token: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/running at (http:\/\/\S+)/)?.[1];
      const token = output.match(/export TOKEN=(\S+)/)?.[1];
      if (url && token) resolve({ child, url, token, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('npm start (quick start)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'studio-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('serves on embedded defaults; the printed token and curl line make a finished emote', async () => {
    const server = await start({ DATA_DIR: dataDir });
    try {
      expect(server.output()).toContain(`${server.url}/docs`);
      expect(server.output()).toContain(`${server.url}/rig/`);
      expect(server.output()).toContain(`${server.url}/overlay/setup`);
      const rigToken = await fetch(`${server.url}/rig/token?role=viewer`);
      expect(rigToken.status).toBe(200);
      expect(await rigToken.json()).toMatchObject({ channelId: 'local', expiresInSeconds: 3600 });
      // Exactly what the banner says to run: curl -d sends its JSON as form data.
      const created = await fetch(`${server.url}/api/v1/generate`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.token}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: '{"assetType":"emote","prompt":"a cat","visibility":"public"}',
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      let job: { status: string } = { status: 'queued' };
      for (let i = 0; i < 200 && !['completed', 'failed'].includes(job.status); i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await fetch(`${server.url}/api/v1/jobs/${id}`, {
          headers: { Authorization: `Bearer ${server.token}` },
        }).then((r) => r.json());
      }
      expect(job.status).toBe('completed');
      const { items } = await fetch(`${server.url}/api/v1/jobs/${id}/assets`, {
        headers: { Authorization: `Bearer ${server.token}` },
      }).then(
        (r) => r.json() as Promise<{ items: { files: { width: number; height: number; url: string }[] }[] }>,
      );
      for (const file of items[0]!.files) {
        const image = Buffer.from(await (await fetch(file.url)).arrayBuffer());
        const meta = await sharp(image).metadata();
        expect([meta.width, meta.height]).toEqual([file.width, file.height]);
      }
      expect(server.output()).not.toMatch(/error/i);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }

    // A restart keeps the data and the dev secret, so the old token still works.
    const again = await start({ DATA_DIR: dataDir });
    try {
      const list = await fetch(`${again.url}/api/v1/jobs`, {
        headers: { Authorization: `Bearer ${server.token}` },
      });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await stop(again.child);
    }
  }, 90_000);

  it('refuses to start in production without real secrets, naming the variables', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('TWITCH_EXTENSION_SECRET');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
