import type { Metadata } from 'sharp';
import type { Size } from '../catalogue/index.js';
import { InvalidImageError } from '../errors/index.js';
import { type RawImage, toRaw } from './raw-image.js';
import { sharp } from './sharp.js';

/** What image providers return; anything else (SVG, PDF, TIFF…) is refused rather than rendered. */
const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Decodes provider bytes once into RGBA at the working resolution: `oversample` times what
 * covering `target` needs, never more than the source. Shrinking while decoding keeps the
 * per-pixel work (background removal) proportional to the output, not to the provider's canvas.
 */
export async function decodeImage(input: Buffer, target: Size, oversample: number): Promise<RawImage> {
  if (input.length === 0) throw new InvalidImageError('the image is empty (0 bytes)');
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch (error) {
    throw new InvalidImageError(`the image could not be read: ${messageOf(error)}`, error);
  }
  if (!ACCEPTED_FORMATS.has(metadata.format)) {
    throw new InvalidImageError(
      `expected a PNG, JPEG or WebP image, got ${metadata.format ?? 'an unknown format'}`,
    );
  }
  // EXIF orientation can swap the axes; the working size is computed on the image as seen.
  const { width, height } = metadata.autoOrient;
  const scale = Math.min(1, oversample * Math.max(target.width / width, target.height / height));
  let pipeline = sharp(input).autoOrient();
  if (scale < 1) {
    const size = {
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
    };
    pipeline = pipeline.resize({ ...size, fit: 'fill' });
  }
  try {
    return await toRaw(pipeline.toColourspace('srgb').ensureAlpha(), 4);
  } catch (error) {
    throw new InvalidImageError(
      `the ${metadata.format} image could not be decoded: ${messageOf(error)}`,
      error,
    );
  }
}
