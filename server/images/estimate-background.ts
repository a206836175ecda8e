import type { RawImage } from './raw-image.js';
import { distanceSquared, type Rgb } from './rgb.js';

/** What the image's border says about its background. */
export type BorderVerdict =
  /** The provider already gave real alpha: most of the border is transparent. */
  | { readonly kind: 'transparent' }
  /** A flat-ish colour runs around the edge; grow it inward within `tolerance` (RGB distance). */
  | { readonly kind: 'key'; readonly color: Rgb; readonly tolerance: number }
  /** The picture runs to the edge with no common colour: there is no background to remove. */
  | { readonly kind: 'none' };

/** Border pixels this close (RGB distance) to the candidate colour count as background. */
const MATCH_RADIUS = 64;
/** Below this share of the border a colour is part of the picture, not a background around it. */
const MIN_COVERAGE = 0.3;
/** The requested key colour wins over the most common border colour once it has this much support. */
const HINT_MIN_COVERAGE = 0.2;
/**
 * A key background is flat up to drift and compression noise. A border noisier than this (95th
 * percentile distance from its mean) is texture, such as a photo or a scaled-down pattern:
 * growing into it with a tolerance that wide would eat the picture.
 */
const MAX_NOISE = 40;
/** Grow tolerance bounds: tight enough to keep near-key subject colours, loose enough for drift and JPEG noise. */
const MIN_TOLERANCE = 32;
const MAX_TOLERANCE = 16 + 1.5 * MAX_NOISE;
const BORDER_DEPTH = 2;

/** Byte offsets of the pixels within `BORDER_DEPTH` of the edge, each once. */
export function borderOffsets(width: number, height: number): Int32Array {
  const offsets: number[] = [];
  for (let y = 0; y < height; y++) {
    const fullRow = y < BORDER_DEPTH || y >= height - BORDER_DEPTH;
    for (let x = 0; x < width; x++) {
      if (fullRow || x < BORDER_DEPTH || x >= width - BORDER_DEPTH) offsets.push((y * width + x) * 4);
    }
  }
  return Int32Array.from(offsets);
}

/** The centre of the busiest cell of a 16-level-per-channel histogram, counting each cell with its 26 neighbours so noise split across cells still adds up. */
function modeColor(data: Uint8Array, offsets: Int32Array): Rgb {
  const counts = new Uint32Array(16 * 16 * 16);
  for (const at of offsets)
    counts[((data[at]! >> 4) << 8) | ((data[at + 1]! >> 4) << 4) | (data[at + 2]! >> 4)]!++;
  let best = 0;
  let bestScore = -1;
  for (let cell = 0; cell < counts.length; cell++) {
    if (counts[cell] === 0) continue;
    const r = cell >> 8;
    const g = (cell >> 4) & 15;
    const b = cell & 15;
    let score = 0;
    for (let i = Math.max(0, r - 1); i <= Math.min(15, r + 1); i++) {
      for (let j = Math.max(0, g - 1); j <= Math.min(15, g + 1); j++) {
        for (let k = Math.max(0, b - 1); k <= Math.min(15, b + 1); k++)
          score += counts[(i << 8) | (j << 4) | k]!;
      }
    }
    if (score > bestScore) {
      best = cell;
      bestScore = score;
    }
  }
  return { r: (best >> 8) * 16 + 8, g: ((best >> 4) & 15) * 16 + 8, b: (best & 15) * 16 + 8 };
}

/** Mean colour and count of the pixels within `MATCH_RADIUS` of `around`. */
function supportOf(data: Uint8Array, offsets: Int32Array, around: Rgb): { mean: Rgb; count: number } {
  const limit = MATCH_RADIUS * MATCH_RADIUS;
  let r = 0;
  let g = 0;
  let b = 0;
  let count = 0;
  for (const at of offsets) {
    if (distanceSquared(data, at, around) > limit) continue;
    r += data[at]!;
    g += data[at + 1]!;
    b += data[at + 2]!;
    count++;
  }
  if (count === 0) return { mean: around, count };
  return { mean: { r: r / count, g: g / count, b: b / count }, count };
}

/** 95th percentile of the distance from `color` among border pixels that match it: the background's own noise. */
function noiseLevel(data: Uint8Array, offsets: Int32Array, color: Rgb): number {
  const histogram = new Uint32Array(MATCH_RADIUS + 1);
  let total = 0;
  for (const at of offsets) {
    const distance = Math.round(Math.sqrt(distanceSquared(data, at, color)));
    if (distance > MATCH_RADIUS) continue;
    histogram[distance]!++;
    total++;
  }
  let seen = 0;
  for (let distance = 0; distance <= MATCH_RADIUS; distance++) {
    seen += histogram[distance]!;
    if (seen >= total * 0.95) return distance;
  }
  return MATCH_RADIUS;
}

/**
 * Reads the background from the border rather than trusting the colour that was asked for:
 * models drift (#00ff00 comes back as #0afa08 with noise). The requested `hint` is preferred
 * when enough of the border is near it, because the subject may cover more border than the
 * background does; otherwise the most common border colour is taken.
 */
export function estimateBackground(image: RawImage, hint?: Rgb): BorderVerdict {
  const { data, width, height } = image;
  const border = borderOffsets(width, height);
  const opaque = border.filter((at) => data[at + 3]! >= 128);
  if (opaque.length <= border.length / 2) return { kind: 'transparent' };

  const hinted = hint ? supportOf(data, opaque, hint) : undefined;
  let color =
    hinted && hinted.count >= opaque.length * HINT_MIN_COVERAGE ? hinted.mean : modeColor(data, opaque);
  // Re-centre twice: the first mean is pulled towards the cell centre or the hint.
  let count = 0;
  for (let round = 0; round < 2; round++) ({ mean: color, count } = supportOf(data, opaque, color));
  if (count < opaque.length * MIN_COVERAGE) return { kind: 'none' };

  const noise = noiseLevel(data, opaque, color);
  if (noise > MAX_NOISE) return { kind: 'none' };
  const tolerance = Math.min(MAX_TOLERANCE, Math.max(MIN_TOLERANCE, 16 + 1.5 * noise));
  return { kind: 'key', color, tolerance };
}
