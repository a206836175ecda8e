import { createRequire } from 'node:module';
import PQueue from 'p-queue';
import type sharpModule from 'sharp';
import type { OutputInfo, Sharp, SharpInput, SharpOptions } from 'sharp';

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

/**
 * The process's libvips pipelines, run one at a time. libvips runs a pipeline on a libuv thread
 * with worker threads of its own, and glibc's malloc gives each thread that allocates an arena
 * which keeps the pixel buffers freed in it. Two jobs at once, three files each, kept 8 libvips
 * workers and ~13 arenas holding ~80 MB after 20 emotes; one pipeline at a time, 3 workers and
 * 40 MB less. The cost is nothing a streamer waits for: a job's image work is a few tens of
 * milliseconds, its model call seconds.
 */
const pipelines = new PQueue({ concurrency: 1 });

/**
 * How long libvips may work on one pipeline before it is stopped, so a pathological image cannot
 * hold every other job's image work behind it. The slowest real one measured is a 1920×1080 PNG at
 * zlib level 9, 4.4 s on two cores; an emote's pipelines take milliseconds.
 */
export const PIPELINE_TIMEOUT_SECONDS = 30;

/**
 * `pipeline.toBuffer()`, once no other pipeline of the process is running, stopped after
 * `PIPELINE_TIMEOUT_SECONDS`. For pipelines whose input is a Buffer (all of the server's): one fed by
 * a stream would hold the others back while the stream lasts.
 */
export function toBuffer(pipeline: Sharp): Promise<Buffer>;
export function toBuffer(
  pipeline: Sharp,
  options: { resolveWithObject: true },
): Promise<{ data: Buffer; info: OutputInfo }>;
export function toBuffer(pipeline: Sharp, options?: { resolveWithObject: true }): Promise<unknown> {
  const timed = pipeline.timeout({ seconds: PIPELINE_TIMEOUT_SECONDS });
  const output: () => Promise<unknown> = options ? () => timed.toBuffer(options) : () => timed.toBuffer();
  return pipelines.add(output);
}
