import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { type Config, ConfigError } from '../config/index.js';
import { LocalStorageDriver } from './local-storage.js';
import type { StorageDriver } from './storage-driver.js';

/**
 * What signs file URLs: a key given as is (tests), or the extension secret (base64), from which
 * the server derives a key of their own so that it changes when the secret does.
 */
export type StorageSecret = { readonly signingKey: Buffer } | { readonly extensionSecret: string };

/** The storage driver `STORAGE_DRIVER` asks for, or a `ConfigError` naming the variable. */
export function createStorage(
  config: Pick<Config, 'storage' | 'dataDir' | 'publicBaseUrl'>,
  secret: StorageSecret,
): StorageDriver {
  if (config.storage.driver !== 'local') {
    throw new ConfigError([
      `STORAGE_DRIVER: ${config.storage.driver} is not available in this build yet; use STORAGE_DRIVER=local`,
    ]);
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
