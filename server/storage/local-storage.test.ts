import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import { LocalStorageDriver, verifyFileSignature } from './local-storage.js';

const KEY = Buffer.alloc(32, 7);
const NOW = Date.UTC(2025, 0, 1);
let root: string;
let driver: LocalStorageDriver;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'studio-storage-'));
  driver = new LocalStorageDriver({
    root,
    publicBaseUrl: 'http://localhost:8787/',
    signingKey: KEY,
    now: () => NOW,
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function png(text: string) {
  return { data: Buffer.from(text), contentType: 'image/png' };
}

function signedParts(url: string) {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: Number(parsed.searchParams.get('expires')),
    signature: parsed.searchParams.get('signature') ?? '',
  };
}

describe('LocalStorageDriver files', () => {
  it('reads back what it put, on the side it was put', async () => {
    await driver.put({ key: 'ch/a/112.png', visibility: 'public', ...png('hello') });
    expect((await driver.read('ch/a/112.png', 'public'))?.toString()).toBe('hello');
    expect(await driver.read('ch/a/112.png', 'private')).toBeNull();
    expect(await driver.read('ch/missing.png', 'public')).toBeNull();
    expect(await driver.read('ch/a', 'public')).toBeNull();
  });

  it('overwrites and leaves no temporary files behind', async () => {
    await driver.put({ key: 'ch/x.png', visibility: 'private', ...png('one') });
    await driver.put({ key: 'ch/x.png', visibility: 'private', ...png('two') });
    expect((await driver.read('ch/x.png', 'private'))?.toString()).toBe('two');
    expect(await readdir(path.join(root, 'private', 'ch'))).toEqual(['x.png']);
  });

  it('removes its temporary file when a write fails', async () => {
    await driver.put({ key: 'ch/a/b.png', visibility: 'public', ...png('b') });
    // `ch/a` is a directory, so the final rename fails after the temp file was written.
    await expect(driver.put({ key: 'ch/a', visibility: 'public', ...png('a') })).rejects.toThrow();
    expect(await readdir(path.join(root, 'public', 'ch'))).toEqual(['a']);
  });

  it('never lets a reader see half a file while large files are overwritten', async () => {
    const a = Buffer.alloc(12 * 1024 * 1024, 0xaa);
    const b = Buffer.alloc(6 * 1024 * 1024, 0xbb);
    await driver.put({ key: 'ch/big.png', visibility: 'public', data: a, contentType: 'image/png' });
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 12; i += 1) {
        await driver.put({
          key: 'ch/big.png',
          visibility: 'public',
          data: i % 2 ? a : b,
          contentType: 'image/png',
        });
      }
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
    expect(await readdir(path.join(root, 'public', 'ch'))).toEqual(['big.png']);
  });

  it.each(['../x', '/abs', 'a//b', '', 'a/../../etc/passwd'])(
    'refuses the bad key %j everywhere',
    async (key) => {
      await expect(driver.put({ key, visibility: 'public', ...png('x') })).rejects.toThrow(TypeError);
      await expect(driver.read(key, 'public')).rejects.toThrow(TypeError);
      await expect(driver.remove([key], 'public')).rejects.toThrow(TypeError);
      await expect(driver.move(key, 'public', 'private')).rejects.toThrow(TypeError);
      expect(() => driver.publicUrl(key)).toThrow(TypeError);
      await expect(driver.signedUrl(key, 'private', 60)).rejects.toThrow(TypeError);
    },
  );

  it('moves a public file to the private side and back', async () => {
    await driver.put({ key: 'ch/m.png', visibility: 'public', ...png('m') });
    await driver.move('ch/m.png', 'public', 'private');
    expect(await driver.read('ch/m.png', 'public')).toBeNull();
    expect((await driver.read('ch/m.png', 'private'))?.toString()).toBe('m');
    await driver.move('ch/m.png', 'private', 'public');
    expect(await driver.read('ch/m.png', 'private')).toBeNull();
    expect((await driver.read('ch/m.png', 'public'))?.toString()).toBe('m');
  });

  it('treats a repeated move as done, and a move of nothing as not found', async () => {
    await driver.put({ key: 'ch/m.png', visibility: 'public', ...png('m') });
    await driver.move('ch/m.png', 'public', 'private');
    await driver.move('ch/m.png', 'public', 'private');
    expect((await driver.read('ch/m.png', 'private'))?.toString()).toBe('m');
    await expect(driver.move('ch/none.png', 'public', 'private')).rejects.toThrow(NotFoundError);
  });

  it('removes files and ignores missing ones', async () => {
    await driver.put({ key: 'ch/r1.png', visibility: 'private', ...png('1') });
    await driver.put({ key: 'ch/r2.png', visibility: 'private', ...png('2') });
    await driver.remove(['ch/r1.png', 'ch/never.png', 'nowhere/x.png'], 'private');
    expect(await driver.read('ch/r1.png', 'private')).toBeNull();
    expect((await driver.read('ch/r2.png', 'private'))?.toString()).toBe('2');
  });
});

describe('LocalStorageDriver URLs', () => {
  it('builds public URLs under /files/public', () => {
    expect(driver.publicUrl('ch/a.png')).toBe('http://localhost:8787/files/public/ch/a.png');
  });

  it('signs URLs that verify until they expire', async () => {
    const {
      path: urlPath,
      expires,
      signature,
    } = signedParts(await driver.signedUrl('ch/a.png', 'private', 300));
    expect(urlPath).toBe('/files/private/ch/a.png');
    expect(expires).toBe(NOW / 1000 + 300);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW)).toBe(true);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW + 299_999)).toBe(true);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW + 300_000)).toBe(false);
  });

  it('refuses a signature moved to another file, side, expiry or key', async () => {
    const { expires, signature } = signedParts(await driver.signedUrl('ch/a.png', 'private', 300));
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, flipped, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'private', 'ch/b.png', expires, signature, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'public', 'ch/a.png', expires, signature, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires + 1, signature, NOW)).toBe(false);
    expect(verifyFileSignature(Buffer.alloc(32, 8), 'private', 'ch/a.png', expires, signature, NOW)).toBe(
      false,
    );
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, '', NOW)).toBe(false);
  });

  it('refuses every other signature of the same shape', async () => {
    const { expires, signature } = signedParts(await driver.signedUrl('ch/a.png', 'private', 300));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), (other) => {
        fc.pre(other !== signature);
        expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, other, NOW)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a signing key shorter than 16 bytes', () => {
    expect(
      () => new LocalStorageDriver({ root, publicBaseUrl: 'http://x', signingKey: Buffer.alloc(8) }),
    ).toThrow(TypeError);
  });
});
