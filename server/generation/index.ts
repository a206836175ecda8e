export * from './generate-asset.js';
