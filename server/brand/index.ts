export * from './brand-kit.js';
