export * from './audit-action.js';
export * from './brand-colors.js';
export * from './error-code.js';
export * from './event-type.js';
export * from './image-usage.js';
export * from './role.js';
export * from './twitch-connection-status.js';
export * from './visibility.js';
