export * from './api-tokens.js';
export * from './assets.js';
export * from './audit.js';
export * from './brand-kits.js';
export * from './channel-settings.js';
export * from './jobs.js';
export * from './queue-generation.js';
export * from './services.js';
