export * from './image-provider.js';
export * from './preview-provider.js';
