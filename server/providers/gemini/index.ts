export * from './gemini-failure.js';
export * from './gemini-image-provider.js';
