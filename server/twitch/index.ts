export * from './oauth-state-store.js';
export * from './token-cipher.js';
export * from './twitch-app.js';
export * from './twitch-auth-provider.js';
export * from './twitch-connection-store.js';
export * from './twitch-failure-reason.js';
export * from './twitch-oauth.js';
export * from './twitch-reward.js';
