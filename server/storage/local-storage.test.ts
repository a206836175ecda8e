import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { createLogger } from '../logging/logger.js';
import { fileRoutes } from '../routes/file-routes.js';
import type { Visibility } from '../vocabulary/index.js';
import { LocalStorageDriver } from './local-storage.js';
import { describeStorageContract } from './storage-contract.js';

// Every name under `dir`, dot-files (the driver's temporary files) included.
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => !entry.isDirectory())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

describeStorageContract('local', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'studio-storage-'));
  let clock = Date.UTC(2025, 0, 1);
  const driver = new LocalStorageDriver({
    root,
    publicBaseUrl: 'http://localhost:8787/',
    signingKey: Buffer.alloc(32, 7),
    now: () => clock,
  });
  // The driver's URLs point back at this server: fetch them through its routes and real error handler.
  const app = new Hono();
  app.onError(errorHandler(createLogger('silent')));
  app.notFound(notFound);
  const files = driver.fileServer;
  app.route(files.mountPath, fileRoutes(files));
  return {
    driver,
    fetch: async (url) => app.request(url),
    advanceClock: (ms) => {
      clock += ms;
    },
    list: (visibility: Visibility) => listFiles(path.join(root, visibility)),
    close: () => rm(root, { recursive: true, force: true }),
  };
});

describe('LocalStorageDriver on disk', () => {
  let root: string;
  let driver: LocalStorageDriver;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'studio-storage-'));
    driver = new LocalStorageDriver({
      root,
      publicBaseUrl: 'http://localhost:8787',
      signingKey: Buffer.alloc(32, 7),
    });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps each side in its own folder under the root', async () => {
    await driver.put({
      key: 'ch/a/112.png',
      visibility: 'public',
      data: Buffer.from('a'),
      contentType: 'image/png',
    });
    await driver.put({
      key: 'ch/b/112.png',
      visibility: 'private',
      data: Buffer.from('b'),
      contentType: 'image/png',
    });
    expect(await listFiles(path.join(root, 'public'))).toEqual(['ch/a/112.png']);
    expect(await listFiles(path.join(root, 'private'))).toEqual(['ch/b/112.png']);
  });

  it('leaves no empty folders behind when the last file of one is removed or moved away', async () => {
    const folders = async (side: Visibility) =>
      (await readdir(path.join(root, side), { recursive: true, withFileTypes: true }).catch(() => []))
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.relative(path.join(root, side), path.join(entry.parentPath, entry.name)))
        .sort();
    const put = (key: string, visibility: Visibility) =>
      driver.put({ key, visibility, data: Buffer.from(key), contentType: 'image/png' });
    await put('assets/one/112x112.png', 'public');
    await put('assets/one/56x56.png', 'public');
    await put('assets/two/112x112.png', 'public');
    await driver.remove(['assets/one/112x112.png'], 'public');
    expect(await folders('public')).toEqual(['assets', 'assets/one', 'assets/two']);
    await driver.remove(['assets/one/56x56.png'], 'public');
    expect(await folders('public')).toEqual(['assets', 'assets/two']);
    await driver.move('assets/two/112x112.png', 'public', 'private');
    expect(await folders('public')).toEqual([]);
    expect(await folders('private')).toEqual(['assets', 'assets/two']);
    // The side's own folder stays, and a write into a pruned folder makes it again.
    await put('assets/one/112x112.png', 'public');
    expect(await driver.read('assets/one/112x112.png', 'public')).toEqual(
      Buffer.from('assets/one/112x112.png'),
    );
  });

  it('removes its temporary file when a write fails', async () => {
    await driver.put({
      key: 'ch/a/b.png',
      visibility: 'public',
      data: Buffer.from('b'),
      contentType: 'image/png',
    });
    // `ch/a` is a directory, so the final rename fails after the temp file was written.
    await expect(
      driver.put({ key: 'ch/a', visibility: 'public', data: Buffer.from('a'), contentType: 'image/png' }),
    ).rejects.toMatchObject({ code: 'EISDIR', syscall: 'rename' });
    expect(await listFiles(path.join(root, 'public'))).toEqual(['ch/a/b.png']);
  });

  it('serves its own URLs, mounted at /files', () => {
    expect(driver.publicUrlsAreExternal).toBe(false);
    expect(driver.fileServer.mountPath).toBe('/files');
    expect(driver.publicUrl('ch/a.png')).toBe('http://localhost:8787/files/public/ch/a.png');
  });

  it('refuses a signing key shorter than 16 bytes', () => {
    expect(
      () => new LocalStorageDriver({ root, publicBaseUrl: 'http://x', signingKey: Buffer.alloc(8) }),
    ).toThrow(TypeError);
  });
});
