export * from './reference-errors.js';
export * from './storage-errors.js';
export * from './studio-error.js';
export * from './twitch-errors.js';
