export * from './pack-advancer.js';
