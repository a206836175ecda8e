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

  it('refuses production with a Twitch application but no TWITCH_TOKEN_KEY, naming it', () => {
    const production = {
      NODE_ENV: 'production',
      TWITCH_EXTENSION_SECRET: Buffer.alloc(32, 1).toString('base64'),
      TWITCH_EXTENSION_CLIENT_ID: 'ext',
      PUBLIC_BASE_URL: 'https://studio.example.com',
    };
    expect(() => loadConfig(production)).not.toThrow();
    expect(() => loadConfig({ ...production, TWITCH_CLIENT_ID: 'app' })).toThrow(
      /TWITCH_TOKEN_KEY: is required in production when TWITCH_CLIENT_ID is set/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ ...production, TWITCH_CLIENT_ID: 'app', TWITCH_TOKEN_KEY: key });
    expect(config.twitch.tokenKey).toBe(key);
    expect(config.secrets).toContain(key);
  });

  it('takes only 32 bytes of base64 as TWITCH_TOKEN_KEY, and never echoes it', () => {
    for (const bad of [
      Buffer.alloc(16).toString('base64'),
      'not base64!!',
      `${Buffer.alloc(33).toString('base64')}`,
    ]) {
      expect(() => loadConfig({ TWITCH_TOKEN_KEY: bad })).toThrow(
        /TWITCH_TOKEN_KEY: must be 32 random bytes/,
      );
      expect(() => loadConfig({ TWITCH_TOKEN_KEY: bad })).not.toThrow(bad);
    }
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

describe('loadConfig with Supabase Postgres', () => {
  const REF = 'abcdefghijklmnopqrst';
  const TRANSACTION_POOLER = `postgresql://postgres.${REF}:pool-secret@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`;
  const DIRECT = `postgresql://postgres:direct-secret@db.${REF}.supabase.co:5432/postgres`;

  it('refuses the transaction pooler without DATABASE_DIRECT_URL, naming it and saying why', () => {
    expect(() => loadConfig({ DATABASE_URL: TRANSACTION_POOLER })).toThrow(
      /DATABASE_DIRECT_URL: is required when DATABASE_URL goes through a transaction-mode pooler \(DATABASE_URL uses port 6543/,
    );
  });

  it('queries through the transaction pooler unprepared and keeps the direct URL for the session', () => {
    const config = loadConfig({ DATABASE_URL: TRANSACTION_POOLER, DATABASE_DIRECT_URL: DIRECT });
    expect(config).toMatchObject({
      databaseUrl: TRANSACTION_POOLER,
      databaseDirectUrl: DIRECT,
      transactionPooling: true,
    });
  });

  it('strips pgbouncer=true, which Postgres would refuse as a setting, and counts it as transaction mode', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@pooler.example:7000/db?pgbouncer=true&sslmode=require',
      DATABASE_DIRECT_URL: DIRECT,
    });
    expect(config.databaseUrl).toBe('postgres://u@pooler.example:7000/db?sslmode=require');
    expect(config.transactionPooling).toBe(true);
  });

  it('takes a direct URL alone as a session, with prepared statements', () => {
    expect(loadConfig({ DATABASE_URL: DIRECT })).toMatchObject({
      databaseDirectUrl: undefined,
      transactionPooling: false,
    });
  });

  it('refuses a transaction pooler as the direct URL', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: TRANSACTION_POOLER, DATABASE_DIRECT_URL: TRANSACTION_POOLER }),
    ).toThrow(/DATABASE_DIRECT_URL: must not be a transaction-mode pooler/);
  });

  it('refuses DATABASE_DIRECT_URL without DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_DIRECT_URL: DIRECT })).toThrow(
      /DATABASE_DIRECT_URL: is used only with DATABASE_URL/,
    );
  });

  it('follows DATABASE_POOL_MODE where the URL does not tell', () => {
    expect(() => loadConfig({ DATABASE_URL: DIRECT, DATABASE_POOL_MODE: 'transaction' })).toThrow(
      /\(DATABASE_POOL_MODE=transaction\)/,
    );
    expect(() => loadConfig({ DATABASE_URL: DIRECT, DATABASE_POOL_MODE: 'pooled' })).toThrow(
      /DATABASE_POOL_MODE/,
    );
  });

  it('redacts the database passwords and never shows them in an error', () => {
    const config = loadConfig({ DATABASE_URL: TRANSACTION_POOLER, DATABASE_DIRECT_URL: DIRECT });
    expect(config.secrets).toEqual(expect.arrayContaining(['pool-secret', 'direct-secret']));
    const encoded = loadConfig({ DATABASE_URL: 'postgres://postgres:p%40ss@127.0.0.1/postgres' });
    expect(encoded.secrets).toEqual(expect.arrayContaining(['p%40ss', 'p@ss']));
    try {
      loadConfig({ DATABASE_URL: TRANSACTION_POOLER });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('pool-secret');
    }
  });
});
