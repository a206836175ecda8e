export * from './studio-error.js';
