export * from './studio-error.js';
export * from './twitch-errors.js';
