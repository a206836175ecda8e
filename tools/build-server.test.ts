import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.js';
import { ROOT } from './dist-paths.js';

describe('the compiled server', () => {
  // Inside the checkout, as dist/server is: its packages resolve from node_modules above it.
  let outDir: string;
  let dataDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(ROOT, 'dist', 'test-server-'));
    dataDir = await mkdtemp(join(tmpdir(), 'ss-compiled-'));
    await buildServer(outDir);
  }, 60_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts without tsx, finds its migrations and prompts, and answers /healthz', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [join(outDir, 'main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = output.match(/running at (http:\/\/\S+)/)?.[1];
          if (found) resolve(found);
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(output).not.toMatch(/error/i);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
