export * from './enforce-rate.js';
export * from './event-stream-leases.js';
export * from './generation-budget.js';
export * from './rate-limit-store.js';
export * from './request-limiter.js';
