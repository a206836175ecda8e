import type { PngOptions } from 'sharp';
import { AssetTooLargeError } from '../errors/index.js';
import { ensurePaletteAlpha } from './png-alpha-chunk.js';
import { fromRaw, type RawImage } from './raw-image.js';
import { toBuffer } from './sharp.js';

/**
 * Lossless first: most art fits its limit untouched. zlib level 6, then 9 only if the limit is
 * at stake: on a smooth 1920×1080 (a 16:9 canvas scaled up) level 9 took 4.4 s against 0.45 s
 * for a file 10% smaller, a saving no limit needed.
 */
const LOSSLESS: PngOptions[] = [
  { compressionLevel: 6, adaptiveFiltering: true },
  { compressionLevel: 9, adaptiveFiltering: true },
];

/**
 * Then ever smaller palettes, dithered so gradients survive; the last step drops dithering,
 * whose noise is what a tiny palette compresses worst. Quantizer effort 3: on a noisy
 * 1280×720 thumbnail the default (7) took ~10 s for about 1 dB more; 3 takes well under 1 s.
 */
const quantized = (colours: number, dither: number): PngOptions => ({
  palette: true,
  colours,
  dither,
  effort: 3,
  compressionLevel: 9,
});
const PALETTES: PngOptions[] = [
  ...[256, 128, 64, 32, 16, 8, 4, 2].map((colours) => quantized(colours, 1)),
  quantized(2, 0),
];

/**
 * Encodes raw pixels as a PNG of at most `maxBytes`, trying lossless then smaller and smaller
 * palettes; throws `AssetTooLargeError` naming `file` when even the smallest does not fit.
 */
export async function encodePngWithin(image: RawImage, maxBytes: number, file: string): Promise<Buffer> {
  let smallest = Number.POSITIVE_INFINITY;
  for (const options of [...LOSSLESS, ...PALETTES]) {
    let png = await toBuffer(fromRaw(image).png(options));
    if (options.palette && image.channels === 4) png = ensurePaletteAlpha(png);
    if (png.length <= maxBytes) return png;
    smallest = Math.min(smallest, png.length);
  }
  throw new AssetTooLargeError(file, smallest, maxBytes);
}
