import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { SupabaseStorageDriver, supabaseStorageClient } from '../storage/supabase-storage.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';
import { checkStorage } from './check-storage.js';

const jwt = (role: string) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify({ role, iss: 'supabase' }), 'sig']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');

describe('supabase:check, the storage part (through the Storage stand-in)', () => {
  let standIn: StorageStandIn;
  beforeEach(async () => {
    standIn = await StorageStandIn.start();
  });
  afterEach(async () => {
    await standIn.close();
  });
  const config = (env: Record<string, string> = {}) =>
    loadConfig({
      STORAGE_DRIVER: 'supabase',
      SUPABASE_URL: standIn.url,
      SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
      SUPABASE_BUCKET: 'studio',
      ...env,
    });

  it('passes a fresh project: reachable, key accepted, both buckets left for the start to create', async () => {
    const results = await checkStorage(config());
    expect(results).toEqual([
      { checked: 'SUPABASE_URL reachable', ok: true, found: `${standIn.url} answers` },
      {
        checked: 'SUPABASE_SERVICE_ROLE_KEY accepted',
        ok: true,
        found: "Storage lists the project's 0 bucket(s)",
      },
      {
        checked: 'bucket studio-public',
        ok: true,
        found: 'does not exist yet: the server creates it at start, Public',
      },
      {
        checked: 'bucket studio-private',
        ok: true,
        found: 'does not exist yet: the server creates it at start, not public',
      },
    ]);
    // Checking changed nothing.
    expect(standIn.bucket('studio-public')).toBeUndefined();
  });

  it('passes the buckets the server made, and fails a private bucket someone made Public', async () => {
    const driver = new SupabaseStorageDriver({
      url: standIn.url,
      serviceRoleKey: standIn.serviceKey,
      bucket: 'studio',
    });
    await driver.ensureBuckets();
    const made = await checkStorage(config());
    expect(made.every((r) => r.ok)).toBe(true);
    expect(made.find((r) => r.checked === 'bucket studio-private')?.found).toBe(
      'exists, not public, with the MIME types and size limit the server writes',
    );

    const client = supabaseStorageClient({ url: standIn.url, serviceRoleKey: standIn.serviceKey });
    const { error } = await client.updateBucket('studio-private', { public: true });
    expect(error).toBeNull();
    const exposed = (await checkStorage(config())).find((r) => r.checked === 'bucket studio-private');
    expect(exposed).toEqual({
      checked: 'bucket studio-private',
      ok: false,
      found: 'bucket studio-private is Public; it must not be',
      fix: 'Storage → studio-private → Edit bucket, "Public bucket" off; the server also corrects it at start',
    });
  });

  it('fails a key Storage refuses, saying where the service_role key is', async () => {
    const results = await checkStorage(config({ SUPABASE_SERVICE_ROLE_KEY: 'not-the-key' }));
    expect(results).toEqual([
      { checked: 'SUPABASE_URL reachable', ok: true, found: `${standIn.url} answers` },
      {
        checked: 'SUPABASE_SERVICE_ROLE_KEY accepted',
        ok: false,
        found: 'Storage refused it: Invalid API key',
        fix: expect.stringMatching(/Project Settings → API Keys → Legacy API keys → service_role/),
      },
    ]);
  });

  it.each([
    ['the anon key', jwt('anon'), 'anon'],
    ['a publishable key', 'sb_publishable_abc123', 'publishable'],
  ])('fails %s before asking Storage anything', async (_name, key, role) => {
    const seen = standIn.requests.length;
    expect(await checkStorage(config({ SUPABASE_SERVICE_ROLE_KEY: key }))).toEqual([
      expect.objectContaining({
        checked: 'SUPABASE_SERVICE_ROLE_KEY',
        ok: false,
        found: `is the ${role} key, which cannot create buckets or write files`,
      }),
    ]);
    expect(standIn.requests.length).toBe(seen);
  });

  it('fails a SUPABASE_URL with a path, and one where nothing answers', async () => {
    expect(await checkStorage(config({ SUPABASE_URL: `${standIn.url}/storage/v1` }))).toEqual([
      expect.objectContaining({
        checked: 'SUPABASE_URL',
        ok: false,
        found: 'has the path /storage/v1; the server adds /storage/v1 itself',
      }),
    ]);
    const [unreachable] = await checkStorage(config({ SUPABASE_URL: 'http://127.0.0.1:9' }), {
      timeoutMs: 2_000,
    });
    expect(unreachable).toMatchObject({
      checked: 'SUPABASE_URL reachable',
      ok: false,
      found: expect.stringMatching(/^no answer from http:\/\/127\.0\.0\.1:9/),
      fix: expect.stringMatching(/Project URL, https:\/\/<project ref>\.supabase\.co/),
    });
  });

  it('has nothing to check for local storage', async () => {
    expect(await checkStorage(loadConfig({}))).toEqual([
      expect.objectContaining({
        checked: 'STORAGE_DRIVER',
        ok: true,
        found: expect.stringMatching(/^local:/),
      }),
    ]);
  });
});
