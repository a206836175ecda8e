import { InvalidInputError } from '../errors/index.js';

/** An opaque colour, 0–255 per channel. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Parses `#rrggbb` (either case). */
export function parseHexColor(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new InvalidInputError(`key colour must look like #rrggbb, got ${JSON.stringify(hex)}`);
  const [, r, g, b] = match as unknown as [string, string, string, string];
  return { r: Number.parseInt(r, 16), g: Number.parseInt(g, 16), b: Number.parseInt(b, 16) };
}

/** Squared Euclidean RGB distance from the pixel at byte offset `at` to `color`; squared so hot loops skip the root. */
export function distanceSquared(data: Uint8Array, at: number, color: Rgb): number {
  const dr = data[at]! - color.r;
  const dg = data[at + 1]! - color.g;
  const db = data[at + 2]! - color.b;
  return dr * dr + dg * dg + db * db;
}
