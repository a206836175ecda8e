export * from './aspect-ratio.js';
export * from './asset-catalogue.js';
