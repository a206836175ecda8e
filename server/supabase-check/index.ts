export * from './check-database.js';
export * from './check-result.js';
export * from './check-storage.js';
export * from './run-supabase-check.js';
