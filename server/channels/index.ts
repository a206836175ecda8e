export * from './channel.js';
export * from './channel-store.js';
