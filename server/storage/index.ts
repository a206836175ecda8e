export * from './create-storage.js';
export * from './file-signature.js';
export * from './local-file-server.js';
export { LocalStorageDriver, type LocalStorageOptions } from './local-storage.js';
export * from './storage-driver.js';
export * from './storage-key.js';
