export * from './caller.js';
export * from './dev-secret.js';
export * from './extension-jwt.js';
export * from './extension-secret.js';
