export * from './pack.js';
export * from './pack-download-links.js';
export * from './pack-plan-types.js';
export * from './pack-store.js';
export * from './pack-view.js';
export * from './pack-zip.js';
export * from './plan-pack.js';
