import type { Sharp } from 'sharp';
import { sharp, toBuffer } from './sharp.js';

/** Decoded pixels, interleaved 8-bit samples: RGB (3 channels) or RGBA (4). */
export interface RawImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
}

/** A sharp pipeline that starts from raw pixels, so no step after the first decode decodes again. */
export function fromRaw(image: RawImage): Sharp {
  const { width, height, channels } = image;
  return sharp(image.data, { raw: { width, height, channels } });
}

/** Runs a pipeline to raw 8-bit pixels and checks they have the channel count the caller relies on. */
export async function toRaw(pipeline: Sharp, channels: 3 | 4): Promise<RawImage> {
  const { data, info } = await toBuffer(pipeline.raw({ depth: 'uchar' }), { resolveWithObject: true });
  if (info.channels !== channels) {
    throw new Error(`expected ${channels} channels from sharp, got ${info.channels}`);
  }
  return { data, width: info.width, height: info.height, channels };
}

/** Zeroes the colour of fully transparent pixels: nothing can show it, and the key colour must not hide there. */
export function clearTransparentPixels(image: RawImage): void {
  if (image.channels !== 4) return;
  const { data } = image;
  for (let at = 0; at < data.length; at += 4) {
    if (data[at + 3] === 0) {
      data[at] = 0;
      data[at + 1] = 0;
      data[at + 2] = 0;
    }
  }
}
