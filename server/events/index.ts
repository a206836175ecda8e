export * from './event-hub.js';
export * from './event-store.js';
export * from './studio-event.js';
