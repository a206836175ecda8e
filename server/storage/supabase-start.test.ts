import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/index.js';
import { createLogger } from '../logging/logger.js';
import { type RunningServer, startServer } from '../start.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';

describe('starting with STORAGE_DRIVER=supabase', () => {
  let standIn: StorageStandIn;
  let dataDir: string;
  let running: RunningServer | undefined;
  beforeEach(async () => {
    standIn = await StorageStandIn.start();
    dataDir = await mkdtemp(join(tmpdir(), 'studio-supabase-start-'));
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const environment = (key: string) => ({
    DATA_DIR: dataDir,
    PORT: '0',
    STORAGE_DRIVER: 'supabase',
    SUPABASE_URL: standIn.url,
    SUPABASE_SERVICE_ROLE_KEY: key,
    SUPABASE_BUCKET: 'studio',
  });

  const capture = (env: Record<string, string>) => {
    const lines: string[] = [];
    const logger = createLogger('info', {
      secrets: loadConfig(env).secrets,
      destination: { write: (line: string) => lines.push(line) },
    });
    return { lines, logger };
  };

  it('creates the buckets and says so in the log, never showing the key', async () => {
    const env = environment(standIn.serviceKey);
    const { lines, logger } = capture(env);
    running = await startServer(env, { logger });
    const made = lines.map((line) => JSON.parse(line) as { msg: string }).map((entry) => entry.msg);
    expect(made).toEqual(
      expect.arrayContaining([
        'storage bucket studio-public created',
        'storage bucket studio-private created',
      ]),
    );
    expect(standIn.bucket('studio-public')?.public).toBe(true);
    expect(standIn.bucket('studio-private')?.public).toBe(false);
    expect(lines.join('\n')).not.toContain(standIn.serviceKey);
  });

  it('refuses to start when Supabase refuses the key, naming the variable but not the key', async () => {
    const env = environment('sb_secret_this-is-not-the-key');
    const { lines, logger } = capture(env);
    const start = startServer(env, { logger });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/SUPABASE_SERVICE_ROLE_KEY/);
    const error = await start.catch((e: Error) => e);
    expect(`${(error as Error).message}${lines.join('\n')}`).not.toContain('this-is-not-the-key');
  });
});
