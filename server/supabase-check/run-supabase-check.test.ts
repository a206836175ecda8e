import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePostgres } from '../db/describe-each-database.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';
import { runSupabaseCheck } from './run-supabase-check.js';

/** The check's output and exit code, as the terminal would show them. */
async function run(env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runSupabaseCheck(env, (line) => lines.push(...line.split('\n')), {
    listenTimeoutMs: 1_000,
  });
  return { code, lines };
}

describePostgres('npm run supabase:check', ({ database }) => {
  let standIn: StorageStandIn;
  beforeAll(async () => {
    standIn = await StorageStandIn.start();
  });
  afterAll(async () => {
    await standIn.close();
  });
  const live = () => ({
    DATABASE_URL: database().url!,
    STORAGE_DRIVER: 'supabase',
    SUPABASE_URL: standIn.url,
    SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
  });

  it('exits 0 when the server can go live, one line per check saying what it checked', async () => {
    const { code, lines } = await run(live());
    expect(code).toBe(0);
    expect(lines[0]).toBe('Checking the configuration for going live on Supabase');
    expect(lines.at(-1)).toBe('All 9 checks passed: start the server with npm start.');
    expect(lines.slice(1, -1).map((line) => line.split(':')[0])).toEqual([
      '✓ configuration',
      '✓ DATABASE_URL pooling',
      '✓ DATABASE_URL connects',
      '✓ LISTEN on DATABASE_URL',
      '✓ migrations',
      '✓ SUPABASE_URL reachable',
      '✓ SUPABASE_SERVICE_ROLE_KEY accepted',
      '✓ bucket assets-public',
      '✓ bucket assets-private',
    ]);
  });

  it('exits 1 and prints the fix under each failure, never a secret', async () => {
    const { code, lines } = await run({ ...live(), SUPABASE_SERVICE_ROLE_KEY: 'a-wrong-secret-key' });
    expect(code).toBe(1);
    const failure = lines.findIndex((line) => line.startsWith('✗ SUPABASE_SERVICE_ROLE_KEY accepted'));
    expect(lines[failure]).toBe('✗ SUPABASE_SERVICE_ROLE_KEY accepted: Storage refused it: Invalid API key');
    expect(lines[failure + 1]).toMatch(/^ {4}fix: set it to the service_role key/);
    expect(lines.at(-1)).toBe('1 of 7 checks failed.');
    expect(lines.join('\n')).not.toContain('a-wrong-secret-key');
  });

  it('exits 1 on a configuration the server would refuse, with the start’s own words', async () => {
    const { code, lines } = await run({
      DATABASE_URL: 'postgresql://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres',
    });
    expect(code).toBe(1);
    expect(lines[1]).toMatch(
      /^✗ configuration: DATABASE_DIRECT_URL: is required when DATABASE_URL goes through a transaction-mode pooler/,
    );
    expect(lines.at(-1)).toBe('1 of 1 checks failed.');
  });
});
