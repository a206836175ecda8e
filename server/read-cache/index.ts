export * from './bounded-cache.js';
export * from './hot-reads.js';
export * from './rendered-answer.js';
