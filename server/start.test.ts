import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { createLogger } from './logging/logger.js';
import { createProvider } from './providers/create-provider.js';
import { GeminiImageProvider } from './providers/gemini/index.js';
import { PreviewImageProvider } from './providers/index.js';
import { type RunningServer, startServer } from './start.js';
import { FakeGeminiServer } from './testing/fake-gemini-server.js';

const KEY = 'AIza-start-test-secret';

describe('the image provider a server starts with', () => {
  let running: RunningServer | undefined;
  let fake: FakeGeminiServer | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await running?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is the offline preview without GEMINI_API_KEY, Gemini with the configured model with it', async () => {
    expect(await createProvider(loadConfig({}))).toBeInstanceOf(PreviewImageProvider);
    const gemini = await createProvider(
      loadConfig({ GEMINI_API_KEY: KEY, GEMINI_MODEL: 'gemini-3-pro-image-preview' }),
    );
    expect(gemini).toBeInstanceOf(GeminiImageProvider);
    expect((gemini as GeminiImageProvider).model).toBe('gemini-3-pro-image-preview');
  });

  it('generates through GEMINI_BASE_URL and logs provider and model, never the key', async () => {
    fake = await FakeGeminiServer.start({ apiKey: KEY });
    dataDir = await mkdtemp(join(tmpdir(), 'studio-start-gemini-'));
    const lines: string[] = [];
    running = await startServer(
      { DATA_DIR: dataDir, PORT: '0', GEMINI_API_KEY: KEY, GEMINI_BASE_URL: fake.url },
      { logger: createLogger('info', { write: (line: string) => lines.push(line) }) },
    );
    const auth = { Authorization: `Bearer ${running.localToken}`, 'Content-Type': 'application/json' };
    const { id } = (await fetch(`${running.url}/api/v1/generate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ assetType: 'panel', prompt: 'a cosy desk' }),
    }).then((r) => r.json())) as { id: string };
    let job: { status: string } = { status: 'queued' };
    for (let i = 0; i < 200 && !['completed', 'failed'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = (await fetch(`${running.url}/api/v1/jobs/${id}`, { headers: auth }).then((r) => r.json())) as {
        status: string;
      };
    }
    expect(job.status).toBe('completed');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ model: 'gemini-2.5-flash-image', apiKey: KEY });
    const started = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'server started');
    expect(started).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash-image' });
    expect(lines.join('\n')).not.toContain(KEY);
  });
});
