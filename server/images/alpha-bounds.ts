import type { RawImage } from './raw-image.js';

/** A rectangle in pixels, shaped like sharp's `extract` region. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest rectangle holding every pixel whose alpha is at least `threshold`, or null when there is none. */
export function alphaBounds(image: RawImage, threshold: number): Region | null {
  const { data, width, height } = image;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    let at = y * width * 4 + 3;
    for (let x = 0; x < width; x++, at += 4) {
      if (data[at]! < threshold) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  if (right < 0) return null;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** `region` grown by `margin` on every side, kept inside a `width × height` image. */
export function growRegion(region: Region, margin: number, width: number, height: number): Region {
  const left = Math.max(0, region.left - margin);
  const top = Math.max(0, region.top - margin);
  const right = Math.min(width, region.left + region.width + margin);
  const bottom = Math.min(height, region.top + region.height + margin);
  return { left, top, width: right - left, height: bottom - top };
}
