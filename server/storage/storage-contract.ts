import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { StorageDriver } from './storage-driver.js';

/** One driver under test, with what the contract needs to look at it from outside. */
export interface StorageHarness {
  readonly driver: StorageDriver;
  /** Fetches a URL the driver made, anonymously, from whatever serves it (this app's routes, or the storage host). */
  fetch(url: string): Promise<Response>;
  /** Moves the clock that signed URLs expire by forward. */
  advanceClock(ms: number): void;
  /** Every name the backing store holds on one side, as the store sees them (temporary files too). */
  list(visibility: Visibility): Promise<string[]>;
  close(): Promise<void>;
}

const BAD_KEYS = ['../x', 'a/../../etc/passwd', '..', '/abs', 'a\\..\\b', 'a\\b', 'a//b', 'a/', ''];

function png(key: string, visibility: Visibility, text: string) {
  return { key, visibility, data: Buffer.from(text), contentType: 'image/png' };
}

// Changes the first character of one query parameter, keeping digits digits.
function alterParam(url: string, name: string): string {
  const parsed = new URL(url);
  const value = parsed.searchParams.get(name) ?? '';
  const first = value[0] ?? '';
  const swapped = /\d/.test(first) ? String((Number(first) + 1) % 10) : first === 'A' ? 'B' : 'A';
  parsed.searchParams.set(name, swapped + value.slice(1));
  return parsed.toString();
}

async function expectServes(response: Response, text: string): Promise<void> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await response.arrayBuffer()).toString()).toBe(text);
}

async function expectRefused(response: Response, text: string): Promise<void> {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(await response.text()).not.toContain(text);
}

/** The behaviour every `StorageDriver` promises (see its JSDoc); run it against each driver. */
export function describeStorageContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name} storage driver contract`, () => {
    let harness: StorageHarness;
    let driver: StorageDriver;

    beforeEach(async () => {
      harness = await makeHarness();
      driver = harness.driver;
    });
    afterEach(() => harness.close());

    describe('put and read', () => {
      it('reads back what it put, on the side it was put only', async () => {
        await driver.put(png('ch/a/112.png', 'public', 'hello'));
        expect((await driver.read('ch/a/112.png', 'public'))?.toString()).toBe('hello');
        expect(await driver.read('ch/a/112.png', 'private')).toBeNull();
      });

      it('answers null for a missing key, and for a key that is only a folder of others', async () => {
        await driver.put(png('ch/a/112.png', 'private', 'x'));
        expect(await driver.read('ch/missing.png', 'private')).toBeNull();
        expect(await driver.read('ch/a', 'private')).toBeNull();
        expect(await driver.read('nowhere/x.png', 'public')).toBeNull();
      });

      it('overwrites, leaving only the file asked for', async () => {
        await driver.put(png('ch/x.png', 'private', 'one'));
        await driver.put(png('ch/x.png', 'private', 'two'));
        expect((await driver.read('ch/x.png', 'private'))?.toString()).toBe('two');
        expect(await harness.list('private')).toEqual(['ch/x.png']);
        expect(await harness.list('public')).toEqual([]);
      });

      it('never lets a reader see half a file while large files are overwritten, and leaves no temporary files', async () => {
        const a = Buffer.alloc(12 * 1024 * 1024, 0xaa);
        const b = Buffer.alloc(6 * 1024 * 1024, 0xbb);
        const put = (data: Buffer) =>
          driver.put({ key: 'ch/big.png', visibility: 'public', data, contentType: 'image/png' });
        await put(a);
        let writing = true;
        const writes = (async () => {
          for (let i = 0; i < 12; i += 1) await put(i % 2 ? a : b);
          writing = false;
        })();
        const seen: string[] = [];
        while (writing) {
          const got = await driver.read('ch/big.png', 'public');
          seen.push(got?.equals(a) ? 'a' : got?.equals(b) ? 'b' : `partial:${got?.length}`);
        }
        await writes;
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.filter((s) => s.startsWith('partial'))).toEqual([]);
        expect(await harness.list('public')).toEqual(['ch/big.png']);
      });
    });

    describe('remove', () => {
      it('removes the named files on that side only', async () => {
        await driver.put(png('ch/r1.png', 'private', '1'));
        await driver.put(png('ch/r2.png', 'private', '2'));
        await driver.put(png('ch/r1.png', 'public', 'p'));
        await driver.remove(['ch/r1.png'], 'private');
        expect(await driver.read('ch/r1.png', 'private')).toBeNull();
        expect((await driver.read('ch/r2.png', 'private'))?.toString()).toBe('2');
        expect((await driver.read('ch/r1.png', 'public'))?.toString()).toBe('p');
      });

      it('ignores missing keys and may be repeated', async () => {
        await driver.put(png('ch/r1.png', 'private', '1'));
        await driver.remove(['ch/r1.png', 'ch/never.png', 'nowhere/x.png'], 'private');
        await driver.remove(['ch/r1.png', 'ch/never.png'], 'private');
        await driver.remove([], 'public');
        expect(await harness.list('private')).toEqual([]);
      });
    });

    describe('move', () => {
      it('moves a file public → private → public, leaving it on one side only', async () => {
        await driver.put(png('ch/m.png', 'public', 'm'));
        await driver.move('ch/m.png', 'public', 'private');
        expect(await driver.read('ch/m.png', 'public')).toBeNull();
        expect((await driver.read('ch/m.png', 'private'))?.toString()).toBe('m');
        await driver.move('ch/m.png', 'private', 'public');
        expect(await driver.read('ch/m.png', 'private')).toBeNull();
        expect((await driver.read('ch/m.png', 'public'))?.toString()).toBe('m');
      });

      it('treats a repeated move as done', async () => {
        await driver.put(png('ch/m.png', 'public', 'm'));
        await driver.move('ch/m.png', 'public', 'private');
        await driver.move('ch/m.png', 'public', 'private');
        expect((await driver.read('ch/m.png', 'private'))?.toString()).toBe('m');
        expect(await driver.read('ch/m.png', 'public')).toBeNull();
      });

      it('finishes a half-done move of several files when the whole move is retried', async () => {
        const keys = ['ch/h/112.png', 'ch/h/56.png', 'ch/h/28.png'];
        for (const key of keys) await driver.put(png(key, 'public', key));
        await driver.move(keys[0]!, 'public', 'private');
        for (const key of keys) await driver.move(key, 'public', 'private');
        expect(await harness.list('public')).toEqual([]);
        for (const key of keys) expect((await driver.read(key, 'private'))?.toString()).toBe(key);
      });

      it('to the same side only checks that the file is there', async () => {
        await driver.put(png('ch/s.png', 'private', 's'));
        await driver.move('ch/s.png', 'private', 'private');
        expect((await driver.read('ch/s.png', 'private'))?.toString()).toBe('s');
        await expect(driver.move('ch/s.png', 'public', 'public')).rejects.toThrow(NotFoundError);
      });

      it('refuses a key on neither side with NotFoundError', async () => {
        await expect(driver.move('ch/none.png', 'public', 'private')).rejects.toThrow(NotFoundError);
        await expect(driver.move('ch/none.png', 'private', 'public')).rejects.toThrow(NotFoundError);
      });
    });

    describe('URLs', () => {
      it('says who serves them: a driver whose URLs are not external serves them itself', () => {
        if (!driver.publicUrlsAreExternal) expect(driver.fileServer).toBeDefined();
      });

      it('serves a public file to anyone at its public URL', async () => {
        await driver.put(png('ch/a/112.png', 'public', 'PNGDATA'));
        await expectServes(await harness.fetch(driver.publicUrl('ch/a/112.png')), 'PNGDATA');
      });

      it('keeps the sides apart: a private file is not readable as public, nor served at its public URL', async () => {
        await driver.put(png('ch/p/56.png', 'private', 'SECRET'));
        expect(await driver.read('ch/p/56.png', 'public')).toBeNull();
        await expectRefused(await harness.fetch(driver.publicUrl('ch/p/56.png')), 'SECRET');
      });

      it('stops serving a public URL once the file moved to private', async () => {
        await driver.put(png('ch/v.png', 'public', 'VISIBLE'));
        const url = driver.publicUrl('ch/v.png');
        await expectServes(await harness.fetch(url), 'VISIBLE');
        await driver.move('ch/v.png', 'public', 'private');
        await expectRefused(await harness.fetch(url), 'VISIBLE');
      });

      it('serves a private file at a signed URL until it expires, and not after', async () => {
        await driver.put(png('ch/p/56.png', 'private', 'SECRET'));
        const url = await driver.signedUrl('ch/p/56.png', 'private', 600);
        await expectServes(await harness.fetch(url), 'SECRET');
        // Expiry is counted from the whole second the URL was signed in (Supabase's iat is floored),
        // so "a second before" left only what remained of that second for two fetches: on a loaded
        // CI it did not. Two seconds before leaves a whole second.
        harness.advanceClock(598_000);
        await expectServes(await harness.fetch(url), 'SECRET');
        harness.advanceClock(3_000);
        await expectRefused(await harness.fetch(url), 'SECRET');
      });

      it('serves a public file at a signed URL too', async () => {
        await driver.put(png('ch/a.png', 'public', 'PUB'));
        await expectServes(await harness.fetch(await driver.signedUrl('ch/a.png', 'public', 60)), 'PUB');
      });

      it('refuses a signed URL with any part altered: a parameter, the key, or its query dropped', async () => {
        await driver.put(png('ch/p/1.png', 'private', 'ONE'));
        await driver.put(png('ch/p/2.png', 'private', 'TWO'));
        const url = await driver.signedUrl('ch/p/1.png', 'private', 600);
        const params = [...new URL(url).searchParams.keys()];
        expect(params.length).toBeGreaterThan(0);
        for (const param of params) await expectRefused(await harness.fetch(alterParam(url, param)), 'ONE');
        await expectRefused(await harness.fetch(url.replace('ch/p/1.png', 'ch/p/2.png')), 'TWO');
        await expectRefused(await harness.fetch(url.slice(0, url.indexOf('?'))), 'ONE');
        await expectServes(await harness.fetch(url), 'ONE');
      });

      it('refuses a signed URL lifetime that is not a positive number of seconds', async () => {
        for (const seconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
          await expect(driver.signedUrl('ch/a.png', 'private', seconds)).rejects.toThrow(RangeError);
        }
      });
    });

    it.each(BAD_KEYS)('refuses the malformed key %j in every method, touching nothing', async (key) => {
      await expect(driver.put(png(key, 'public', 'x'))).rejects.toThrow(TypeError);
      await expect(driver.read(key, 'public')).rejects.toThrow(TypeError);
      await expect(driver.remove([key], 'private')).rejects.toThrow(TypeError);
      await expect(driver.move(key, 'public', 'private')).rejects.toThrow(TypeError);
      expect(() => driver.publicUrl(key)).toThrow(TypeError);
      await expect(driver.signedUrl(key, 'private', 60)).rejects.toThrow(TypeError);
      expect(await harness.list('public')).toEqual([]);
      expect(await harness.list('private')).toEqual([]);
    });
  });
}
