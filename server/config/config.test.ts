import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      publicBaseUrl: 'http://127.0.0.1:8787',
      dataDir: './data',
      databaseUrl: undefined,
      storage: { driver: 'local' },
      gemini: undefined,
      workerConcurrency: 2,
      localMode: true,
    });
  });

  it('treats empty variables as unset, the way .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', GEMINI_API_KEY: ' ' })).toMatchObject({
      databaseUrl: undefined,
      gemini: undefined,
    });
  });

  it('turns Gemini on with a key', () => {
    const config = loadConfig({ GEMINI_API_KEY: 'k', GEMINI_TIMEOUT_MS: '5000' });
    expect(config.gemini).toEqual({
      apiKey: 'k',
      model: 'gemini-2.5-flash-image',
      baseUrl: undefined,
      timeoutMs: 5000,
    });
  });

  it('names every bad variable and never its value', () => {
    try {
      loadConfig({ PORT: 'eighty', WORKER_CONCURRENCY: '0', DATABASE_URL: 'mysql://secret-password@x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('WORKER_CONCURRENCY');
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('secret-password');
    }
  });

  it('refuses production without real secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /TWITCH_EXTENSION_SECRET: is required in production/,
    );
  });

  it('gives channels a daily generation budget of 100 unless DAILY_GENERATION_BUDGET says otherwise', () => {
    expect(loadConfig({}).limits.dailyGenerationBudget).toBe(100);
    expect(loadConfig({ DAILY_GENERATION_BUDGET: '0' }).limits.dailyGenerationBudget).toBe(0);
    for (const bad of ['-1', '2.5', 'lots'])
      expect(() => loadConfig({ DAILY_GENERATION_BUDGET: bad })).toThrow(/DAILY_GENERATION_BUDGET/);
  });

  it('needs Supabase settings for the supabase driver', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 'supabase' })).toThrow(/SUPABASE_URL/);
  });
});
