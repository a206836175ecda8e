import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { type Config, ConfigError } from '../config/index.js';
import { LocalStorageDriver } from './local-storage.js';
import type { StorageDriver } from './storage-driver.js';
import type { BucketChange } from './supabase-buckets.js';
import { SupabaseStorageDriver } from './supabase-storage.js';

/**
 * What signs file URLs: a key given as is (tests), or the extension secret (base64), from which
 * the server derives a key of their own so that it changes when the secret does.
 */
export type StorageSecret = { readonly signingKey: Buffer } | { readonly extensionSecret: string };

type StorageConfig = Pick<Config, 'storage' | 'dataDir' | 'publicBaseUrl'>;

/** The storage driver `STORAGE_DRIVER` asks for; nothing is contacted yet (see `openStorage`). */
export function createStorage(config: StorageConfig, secret: StorageSecret): StorageDriver {
  if (config.storage.driver === 'supabase') {
    const { url, serviceRoleKey, bucket } = config.storage;
    return new SupabaseStorageDriver({ url, serviceRoleKey, bucket });
  }
  return new LocalStorageDriver({
    root: resolve(config.dataDir, 'assets'),
    publicBaseUrl: config.publicBaseUrl,
    signingKey: 'signingKey' in secret ? secret.signingKey : fileUrlKey(secret.extensionSecret),
  });
}

function fileUrlKey(extensionSecret: string): Buffer {
  return createHmac('sha256', Buffer.from(extensionSecret, 'base64'))
    .update('streamer-studio/file-urls')
    .digest();
}

/**
 * The storage driver, ready for files: Supabase's buckets are created or corrected first. A
 * refused key or an unreachable project becomes a `ConfigError` naming the variables to check.
 */
export async function openStorage(
  config: StorageConfig,
  secret: StorageSecret,
  onBucketChange: (change: BucketChange) => void = () => {},
): Promise<StorageDriver> {
  const storage = createStorage(config, secret);
  if (storage instanceof SupabaseStorageDriver) {
    try {
      for (const change of await storage.ensureBuckets()) onBucketChange(change);
    } catch (error) {
      throw new ConfigError([
        `SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY: preparing the storage buckets failed: ${(error as Error).message}`,
      ]);
    }
  }
  return storage;
}
