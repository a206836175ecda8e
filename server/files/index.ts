export * from './file-reconciler.js';
export * from './orphan-file-store.js';
export * from './remove-orphans.js';
export * from './settle-asset-move.js';
