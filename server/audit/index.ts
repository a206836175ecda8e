export * from './audit-store.js';
