import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/index.js';
import { createStorage } from './create-storage.js';
import type { StorageDriver } from './storage-driver.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-create-storage-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const localConfig = () => loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });

// Whether `reader` serves the private file behind a URL that `signer` signed.
async function servesSignedBy(signer: StorageDriver, reader: StorageDriver): Promise<boolean> {
  const url = new URL(await signer.signedUrl('ch/a.png', 'private', 600));
  const key = url.pathname.replace('/files/private/', '');
  const file = await reader.fileServer?.open({
    visibility: 'private',
    key,
    expires: url.searchParams.get('expires') ?? undefined,
    signature: url.searchParams.get('signature') ?? undefined,
  });
  return file != null;
}

describe('createStorage', () => {
  it('keeps local files under DATA_DIR/assets, with URLs under PUBLIC_BASE_URL', async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      PUBLIC_BASE_URL: 'https://studio.example/x',
    });
    const storage = createStorage(config, { signingKey: randomBytes(32) });
    await storage.put({
      key: 'ch/a.png',
      visibility: 'public',
      data: Buffer.from('A'),
      contentType: 'image/png',
    });
    expect(await readFile(path.join(dataDir, 'assets', 'public', 'ch', 'a.png'), 'utf8')).toBe('A');
    expect(storage.publicUrl('ch/a.png')).toBe('https://studio.example/x/files/public/ch/a.png');
    expect(storage.publicUrlsAreExternal).toBe(false);
  });

  it('signs file URLs with a key derived from the extension secret, not the secret itself', async () => {
    const secret = randomBytes(32);
    const extensionSecret = secret.toString('base64');
    const a = createStorage(localConfig(), { extensionSecret });
    const b = createStorage(localConfig(), { extensionSecret });
    await a.put({ key: 'ch/a.png', visibility: 'private', data: Buffer.from('P'), contentType: 'image/png' });
    expect(await servesSignedBy(a, b)).toBe(true);
    expect(await servesSignedBy(a, createStorage(localConfig(), { signingKey: secret }))).toBe(false);
    const other = createStorage(localConfig(), { extensionSecret: randomBytes(32).toString('base64') });
    expect(await servesSignedBy(a, other)).toBe(false);
  });

  it('answers STORAGE_DRIVER=supabase with a ConfigError naming the variable', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      STORAGE_DRIVER: 'supabase',
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_SERVICE_ROLE_KEY: 'service-role',
    });
    const build = () => createStorage(config, { signingKey: randomBytes(32) });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/STORAGE_DRIVER: supabase is not available in this build yet/);
  });
});
