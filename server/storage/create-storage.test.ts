import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/index.js';
import { StorageStandIn } from '../testing/supabase/storage-stand-in.js';
import { createStorage, openStorage } from './create-storage.js';
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

  it('opens STORAGE_DRIVER=supabase with the buckets made, URLs on the project', async () => {
    const standIn = await StorageStandIn.start();
    try {
      const env = {
        DATA_DIR: dataDir,
        STORAGE_DRIVER: 'supabase',
        SUPABASE_URL: `${standIn.url}/`,
        SUPABASE_BUCKET: 'studio',
      };
      const changes: string[] = [];
      const config = loadConfig({ ...env, SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey });
      const storage = await openStorage(config, { signingKey: randomBytes(32) }, (c) =>
        changes.push(c.bucket),
      );
      expect(changes).toEqual(['studio-public', 'studio-private']);
      expect(storage).toMatchObject({ name: 'supabase', publicUrlsAreExternal: true });
      expect(storage.publicUrl('ch/a.png')).toBe(
        `${standIn.url}/storage/v1/object/public/studio-public/ch/a.png`,
      );

      const refused = loadConfig({ ...env, SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_wrong-one' });
      const opening = openStorage(refused, { signingKey: randomBytes(32) });
      await expect(opening).rejects.toThrow(ConfigError);
      await expect(opening).rejects.toThrow(/SUPABASE_SERVICE_ROLE_KEY.*refused the service role key/);
      await expect(opening).rejects.not.toThrow(/wrong-one/);
    } finally {
      await standIn.close();
    }
  });
});
