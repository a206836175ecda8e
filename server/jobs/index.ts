export * from './job-state-machine.js';
export * from './job-status.js';
export * from './retry-policy.js';
