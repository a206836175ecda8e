import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageRejectedError, StorageUnavailableError, StudioError } from '../errors/index.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';
import { describeStorageContract } from './storage-contract.js';
import { SupabaseStorageDriver, type SupabaseStorageOptions } from './supabase-storage.js';

const driverOn = (standIn: StorageStandIn, options: Partial<SupabaseStorageOptions> = {}) =>
  new SupabaseStorageDriver({
    url: standIn.url,
    serviceRoleKey: standIn.serviceKey,
    bucket: 'assets',
    // The contract overwrites 12 MB files; the product's own files stay under 10 MB.
    fileSizeLimit: 32 * 1024 * 1024,
    ...options,
  });

describeStorageContract('supabase (through the Storage stand-in)', async () => {
  const standIn = await StorageStandIn.start();
  const driver = driverOn(standIn);
  await driver.ensureBuckets();
  return {
    driver,
    fetch: (url) => fetch(url),
    advanceClock: (ms) => standIn.advanceClock(ms),
    list: async (visibility) => standIn.objectNames(`assets-${visibility}`),
    close: () => standIn.close(),
  };
});

const png = (key: string, visibility: 'public' | 'private', text = 'PNG') => ({
  key,
  visibility,
  data: Buffer.from(text),
  contentType: 'image/png',
});

/** The error a promise rejects with, for looking at its fields. */
async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('the Supabase storage driver', () => {
  let standIn: StorageStandIn;
  let driver: SupabaseStorageDriver;
  beforeEach(async () => {
    standIn = await StorageStandIn.start();
    driver = driverOn(standIn, { fileSizeLimit: undefined, timeoutMs: 500 });
  });
  afterEach(() => standIn.close());

  describe('buckets', () => {
    it('creates <prefix>-public (Public) and <prefix>-private with the MIME types and size limit', async () => {
      expect((await driver.ensureBuckets()).map((c) => [c.bucket, c.change])).toEqual([
        ['assets-public', 'created'],
        ['assets-private', 'created'],
      ]);
      const expected = {
        allowedMimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
        fileSizeLimit: 10_000_000,
      };
      expect(standIn.bucket('assets-public')).toMatchObject({ public: true, ...expected });
      expect(standIn.bucket('assets-private')).toMatchObject({ public: false, ...expected });
      expect((await driver.ensureBuckets()).map((c) => c.change)).toEqual(['unchanged', 'unchanged']);
      expect(await driver.inspect()).toEqual([]);
    });

    it('corrects a private bucket someone made Public, after which its files no longer serve anonymously', async () => {
      await driver.ensureBuckets();
      await driver.put(png('ch/a/112.png', 'private', 'SECRET'));
      standIn.bucket('assets-private')!.public = true;
      const leaked = driver.publicUrl('ch/a/112.png').replace('assets-public', 'assets-private');
      expect(await (await fetch(leaked)).text()).toBe('SECRET');
      expect(await driver.inspect()).toEqual(['bucket assets-private is Public; it must not be']);

      const [, privateChange] = await driver.ensureBuckets();
      expect(privateChange).toMatchObject({
        change: 'corrected',
        differences: ['bucket assets-private is Public; it must not be'],
      });
      const refused = await fetch(leaked);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
    });

    it('corrects the MIME types and a too-small limit, but keeps a limit someone set higher', async () => {
      await driver.ensureBuckets();
      Object.assign(standIn.bucket('assets-public')!, {
        allowedMimeTypes: ['image/gif'],
        fileSizeLimit: 50_000_000,
      });
      Object.assign(standIn.bucket('assets-private')!, { fileSizeLimit: 1000 });
      expect((await driver.ensureBuckets()).map((c) => c.change)).toEqual(['corrected', 'corrected']);
      expect(standIn.bucket('assets-public')).toMatchObject({
        public: true,
        allowedMimeTypes: ['image/png', 'image/jpeg', 'image/webp'],
        fileSizeLimit: 50_000_000,
      });
      expect(standIn.bucket('assets-private')).toMatchObject({ public: false, fileSizeLimit: 10_000_000 });
    });

    it('reports missing buckets, wrong flags, MIME types and size limits in the dashboard’s words', async () => {
      expect(await driver.inspect()).toEqual([
        'bucket assets-public does not exist (the server creates it at start)',
        'bucket assets-private does not exist (the server creates it at start)',
      ]);
      await driver.ensureBuckets();
      Object.assign(standIn.bucket('assets-public')!, {
        public: false,
        allowedMimeTypes: null,
        fileSizeLimit: 1000,
      });
      expect(await driver.inspect()).toEqual([
        'bucket assets-public is not Public',
        'bucket assets-public: Allowed MIME types are any; set them to image/png, image/jpeg, image/webp',
        'bucket assets-public: Restrict file upload size is 1000 bytes, under the 10000000 bytes the server writes',
      ]);
    });

    it('says the service role key was refused, without ever showing it', async () => {
      const wrong = driverOn(standIn, { serviceRoleKey: 'sb_secret_not-this-project' });
      expect(await wrong.inspect()).toEqual([
        'service role key refused: set SUPABASE_SERVICE_ROLE_KEY to the service_role key (Project Settings → API Keys)',
      ]);
      const error = await rejection(wrong.ensureBuckets());
      expect(error).toBeInstanceOf(StorageRejectedError);
      expect(error.message).toMatch(/refused the service role key/);
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
        'not-this-project',
      );
    });
  });

  describe('errors, typed once', () => {
    beforeEach(() => driver.ensureBuckets());

    it('a 500 from the storage server is retryable STORAGE_UNAVAILABLE, for writes and reads alike', async () => {
      standIn.inject({ kind: 'error', times: 2 });
      const put = await rejection(driver.put(png('ch/a.png', 'public')));
      expect(put).toBeInstanceOf(StorageUnavailableError);
      expect(put).toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        retryable: true,
        details: { statusCode: '500' },
      });
      // A failed read is not a missing file.
      expect(await rejection(driver.read('ch/a.png', 'public'))).toMatchObject({ retryable: true });
      await driver.put(png('ch/a.png', 'public'));
      expect((await driver.read('ch/a.png', 'public'))?.toString()).toBe('PNG');
    });

    it('a dropped connection and a reply slower than the timeout are retryable too', async () => {
      standIn.inject({ kind: 'drop' });
      expect(await rejection(driver.put(png('ch/a.png', 'public')))).toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
        retryable: true,
      });
      standIn.inject({ kind: 'slow', delayMs: 1500 });
      const slow = await rejection(driver.move('ch/a.png', 'public', 'private'));
      expect(slow).toMatchObject({ code: 'STORAGE_UNAVAILABLE', retryable: true });
      expect(slow.message).toMatch(/did not answer in time/);
    });

    it('a refused type, a file over the limit and a missing bucket are STORAGE_REJECTED, not retried', async () => {
      const gif = await rejection(driver.put({ ...png('ch/a.gif', 'public'), contentType: 'image/gif' }));
      expect(gif).toMatchObject({
        code: 'STORAGE_REJECTED',
        retryable: false,
        details: { statusCode: '415' },
      });
      const big = { ...png('ch/big.png', 'public'), data: Buffer.alloc(10_000_001) };
      expect(await rejection(driver.put(big))).toMatchObject({
        code: 'STORAGE_REJECTED',
        details: { statusCode: '413' },
      });
      const other = driverOn(standIn, { bucket: 'never-made' });
      expect(await rejection(other.read('ch/a.png', 'public'))).toMatchObject({ code: 'STORAGE_REJECTED' });
      expect(await rejection(other.move('ch/a.png', 'public', 'private'))).toMatchObject({
        code: 'STORAGE_REJECTED',
      });
    });

    it('uploads with the content type and a short cache, overwriting on retry', async () => {
      await driver.put(png('ch/a.png', 'public', 'one'));
      await driver.put(png('ch/a.png', 'public', 'two'));
      const response = await fetch(driver.publicUrl('ch/a.png'));
      expect(response.headers.get('cache-control')).toBe('max-age=300');
      expect(await response.text()).toBe('two');
      expect(driver.publicUrl('ch/a.png')).toBe(
        `${standIn.url}/storage/v1/object/public/assets-public/ch/a.png`,
      );
    });

    it('moves idempotently, many times over, and a move onto a copy leaves the source’s bytes', async () => {
      await driver.put(png('ch/m.png', 'public', 'm'));
      for (let i = 0; i < 5; i++) await driver.move('ch/m.png', 'public', 'private');
      expect(standIn.objectNames('assets-public')).toEqual([]);
      expect(standIn.objectNames('assets-private')).toEqual(['ch/m.png']);
      await driver.put(png('ch/m.png', 'public', 'newer'));
      await driver.move('ch/m.png', 'public', 'private');
      expect((await driver.read('ch/m.png', 'private'))?.toString()).toBe('newer');
      expect(standIn.objectNames('assets-public')).toEqual([]);
    });

    it('signed URLs of a private file stop at their expiry; the public URL never served it', async () => {
      await driver.put(png('ch/p.png', 'private', 'SECRET'));
      const url = await driver.signedUrl('ch/p.png', 'private', 30);
      expect(await (await fetch(url)).text()).toBe('SECRET');
      expect((await fetch(driver.publicUrl('ch/p.png'))).status).toBe(400);
      standIn.advanceClock(31_000);
      expect(await (await fetch(url)).json()).toMatchObject({ code: 'InvalidJWT', message: 'jwt expired' });
    });
  });
});
