import { createRequire } from 'node:module';
import type sharpModule from 'sharp';
import type { Sharp, SharpInput, SharpOptions } from 'sharp';

type SharpModule = typeof sharpModule;

let loaded: SharpModule | undefined;

/**
 * sharp, loaded the first time an image is touched. libvips is about 25 MB of a server that may
 * idle for hours beside OBS and a game without making an image, so it is not loaded at start.
 * Its operation cache is off: every image we process is new, and the cache's 50 MB of decoded
 * pixels only stayed resident after a burst of jobs.
 */
export function sharpLibrary(): SharpModule {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('sharp') as SharpModule;
    loaded.cache(false);
  }
  return loaded;
}

/** `sharp(input, options)` (or `sharp({ create })`), loading sharp on first use. */
export function sharp(options?: SharpOptions): Sharp;
export function sharp(input?: SharpInput | SharpInput[], options?: SharpOptions): Sharp;
export function sharp(...args: unknown[]): Sharp {
  return (sharpLibrary() as (...parameters: unknown[]) => Sharp)(...args);
}
