export * from './prepare-reference-image.js';
export type { ProcessedFile, ProcessImageOptions } from './process-image.js';
export { processImage } from './process-image.js';
export * from './sniff-image-type.js';
