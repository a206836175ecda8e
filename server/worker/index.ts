export * from './classify-error.js';
export * from './job-worker.js';
