import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { openPostgres } from '../db/open-database.js';
import { describeWithPgbouncer } from '../testing/describe-with-pgbouncer.js';
import { checkDatabase, checkPoolerUsers, explainConnectionError } from './check-database.js';
import type { CheckResult } from './check-result.js';

const byName = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.checked, r]));

describeWithPgbouncer('supabase:check, the database part', ({ directUrl, pooledUrl }) => {
  const pooled = () => `${pooledUrl()}?pgbouncer=true`;

  it('passes the transaction pooler with a direct URL, hears NOTIFY across them, and follows the migrations', async () => {
    const config = loadConfig({ DATABASE_URL: pooled(), DATABASE_DIRECT_URL: directUrl() });
    const empty = byName(await checkDatabase(config));
    expect(Object.values(empty).every((r) => r.ok)).toBe(true);
    expect(empty['DATABASE_URL pooling']?.found).toMatch(/^Transaction pooler: queries go unprepared/);
    expect(empty['DATABASE_URL connects']?.found).toMatch(
      /^Postgres \d+\.\d+, database ss_pool_\w+, in \d+ ms$/,
    );
    expect(empty['DATABASE_DIRECT_URL connects']?.ok).toBe(true);
    expect(empty['LISTEN on DATABASE_DIRECT_URL']?.found).toMatch(
      /^heard a NOTIFY sent through DATABASE_URL in \d+ ms/,
    );
    expect(empty.migrations?.found).toMatch(
      /^none applied yet \(an empty database\): the server applies all \d+ at start$/,
    );

    await (
      await openPostgres(config.databaseUrl!, { directUrl: directUrl(), transactionPooling: true })
    ).close();
    expect(byName(await checkDatabase(config)).migrations?.found).toMatch(/^all \d+ applied$/);

    const direct = postgres(directUrl(), { max: 1, onnotice: () => {} });
    try {
      // The newest migration forgotten: what a database migrated by the previous version looks like.
      await direct`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`;
      const behind = byName(await checkDatabase(config)).migrations;
      expect(behind).toMatchObject({ ok: true });
      expect(behind?.found).toMatch(/^(\d+) of \d+ applied, 1 pending: the server applies them at start$/);
      await direct`insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', ${Date.now() + 86_400_000})`;
      expect(byName(await checkDatabase(config)).migrations).toMatchObject({
        ok: false,
        found: expect.stringMatching(/newer than this version's/),
      });
    } finally {
      await direct`delete from drizzle.__drizzle_migrations where hash = 'future'`;
      await direct.end({ timeout: 5 });
    }
  }, 60_000);

  it('catches a transaction pooler the URL does not show: LISTEN hears nothing, and the fix names the variables', async () => {
    // A pooler on an unusual port without pgbouncer=true: the start cannot tell, the check can.
    const results = await checkDatabase(loadConfig({ DATABASE_URL: pooledUrl() }), {
      listenTimeoutMs: 1_000,
    });
    const listen = byName(results)['LISTEN on DATABASE_URL'];
    expect(listen).toMatchObject({ ok: false });
    expect(listen?.found).toMatch(/^heard nothing in 1 s: DATABASE_URL goes through a transaction pooler/);
    expect(listen?.fix).toMatch(/DATABASE_POOL_MODE=transaction and DATABASE_DIRECT_URL/);
  });

  it('says which URL does not connect and why, without the password', async () => {
    const wrongDatabase = new URL(directUrl());
    wrongDatabase.pathname = '/no_such_database';
    wrongDatabase.password = 'hunter2';
    const results = await checkDatabase(
      loadConfig({ DATABASE_URL: pooled(), DATABASE_DIRECT_URL: wrongDatabase.toString() }),
    );
    const direct = byName(results)['DATABASE_DIRECT_URL connects'];
    expect(direct).toMatchObject({
      ok: false,
      fix: "Supabase's database is named postgres: end the URL with /postgres",
    });
    expect(direct?.found).toMatch(/database "no_such_database" does not exist/);
    expect(JSON.stringify(results)).not.toContain('hunter2');
    // Nothing after a failed connection is tried.
    expect(results.map((r) => r.checked)).not.toContain('migrations');
  });
});

describe('supabase:check without a database', () => {
  it('fails when DATABASE_URL is unset: the data would stay in PGlite', async () => {
    expect(await checkDatabase(loadConfig({}))).toEqual([
      expect.objectContaining({
        checked: 'DATABASE_URL',
        ok: false,
        found: expect.stringMatching(/embedded PGlite/),
      }),
    ]);
  });

  it('says nothing answers on a closed port, naming Supabase’s ports', async () => {
    const [result] = (
      await checkDatabase(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres' }))
    ).filter((r) => !r.ok);
    expect(result).toMatchObject({
      checked: 'DATABASE_URL connects',
      found: 'nothing answers at 127.0.0.1:9',
      fix: expect.stringMatching(/5432 .* 6543/),
    });
  });
});

describe('explainConnectionError', () => {
  const REF = 'abcdefghijklmnopqrst';

  it('sends an unreachable direct connection to the Session pooler (IPv6 only without the add-on)', () => {
    const error = Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' });
    expect(
      explainConnectionError(error, `postgresql://postgres:pw@db.${REF}.supabase.co:5432/postgres`),
    ).toEqual({
      found: `cannot reach db.${REF}.supabase.co:5432 (ENETUNREACH)`,
      fix: expect.stringMatching(/IPv6 only .* "Session pooler" string/),
    });
  });

  it('reads Supavisor’s "Tenant or user not found" as the wrong pooler user', () => {
    const error = Object.assign(new Error('Tenant or user not found'), { code: 'XX000' });
    const url = `postgresql://postgres:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`;
    expect(explainConnectionError(error, url).fix).toMatch(/user is postgres\.<project ref>/);
  });

  it('points a wrong password at Reset database password', () => {
    const error = Object.assign(new Error('password authentication failed for user "postgres"'), {
      code: '28P01',
    });
    expect(explainConnectionError(error, 'postgres://postgres:x@h/postgres')).toEqual({
      found: 'password authentication failed',
      fix: expect.stringMatching(/Reset database password/),
    });
  });
});

describe('checkPoolerUsers', () => {
  const pooler = (user: string) =>
    `postgresql://${user}:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`;

  it('fails the pooler with the direct connection’s user, naming the variable', () => {
    expect(checkPoolerUsers({ databaseUrl: pooler('postgres'), databaseDirectUrl: undefined })).toEqual([
      expect.objectContaining({
        checked: 'DATABASE_URL user',
        ok: false,
        found: 'the pooler needs the user postgres.<project ref>; this URL has "postgres"',
      }),
    ]);
  });

  it('passes the pooler’s own user and the direct connection’s', () => {
    expect(
      checkPoolerUsers({
        databaseUrl: pooler('postgres.abcdefghijklmnopqrst'),
        databaseDirectUrl: 'postgresql://postgres:pw@db.abcdefghijklmnopqrst.supabase.co:5432/postgres',
      }),
    ).toEqual([]);
  });
});
