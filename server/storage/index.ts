export * from './create-storage.js';
export * from './file-signature.js';
export * from './local-file-server.js';
export { LocalStorageDriver, type LocalStorageOptions } from './local-storage.js';
export * from './storage-driver.js';
export * from './storage-key.js';
export * from './supabase-buckets.js';
export * from './supabase-errors.js';
export * from './supabase-storage.js';
