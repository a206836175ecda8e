export * from './event-hub.js';
export * from './studio-event.js';
