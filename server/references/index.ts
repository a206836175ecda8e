export * from './reference-image.js';
export * from './reference-image-store.js';
