import type { RawImage } from './raw-image.js';
import type { Rgb } from './rgb.js';

/** Pixels this transparent already count as background, whatever their colour. */
const TRANSPARENT_BELOW = 16;

/**
 * Marks (1) the background: every pixel reachable from the border through 4-connected pixels
 * within `tolerance` of `color` (or already transparent). Growing from the border, not keying
 * every near-match, keeps interior regions of the key colour (a green eye on a red face) opaque.
 * A queue over a typed array: no recursion, each pixel enqueued at most once.
 */
export function floodBackground(image: RawImage, color: Rgb, tolerance: number): Uint8Array {
  const { data, width, height } = image;
  const count = width * height;
  const mask = new Uint8Array(count);
  const queue = new Int32Array(count);
  const limit = tolerance * tolerance;
  let tail = 0;

  const visit = (pixel: number) => {
    if (mask[pixel] === 1) return;
    const at = pixel * 4;
    const dr = data[at]! - color.r;
    const dg = data[at + 1]! - color.g;
    const db = data[at + 2]! - color.b;
    if (dr * dr + dg * dg + db * db > limit && data[at + 3]! >= TRANSPARENT_BELOW) return;
    mask[pixel] = 1;
    queue[tail++] = pixel;
  };

  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  for (let head = 0; head < tail; head++) {
    const pixel = queue[head]!;
    const x = pixel % width;
    if (x > 0) visit(pixel - 1);
    if (x < width - 1) visit(pixel + 1);
    if (pixel >= width) visit(pixel - width);
    if (pixel < count - width) visit(pixel + width);
  }
  return mask;
}
