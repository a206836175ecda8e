import { InvalidInputError } from '../errors/index.js';

/**
 * Flat background colours a transparent asset may be asked for on, in order of preference: the
 * classic chroma-key green first, then the other saturated corners of the RGB cube that brands
 * rarely use. Ties go to the earlier one.
 */
export const KEY_COLOR_CANDIDATES = ['#00ff00', '#ff00ff', '#00ffff', '#0000ff'] as const;

interface Lab {
  readonly l: number;
  readonly a: number;
  readonly b: number;
}

function channel(hex: string, offset: number): number {
  const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
  // sRGB transfer curve: distances are only meaningful in linear light.
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** `#rrggbb` in CIELAB (D65), where Euclidean distance roughly tracks how different two colours look. */
export function hexToLab(hex: string): Lab {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) throw new InvalidInputError(`${hex} is not a #rrggbb colour`);
  const r = channel(hex, 1);
  const g = channel(hex, 3);
  const b = channel(hex, 5);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const fy = f(y);
  return { l: 116 * fy - 16, a: 500 * (f(x) - fy), b: 200 * (fy - f(z)) };
}

/** CIE76 ΔE between two `#rrggbb` colours: crude next to ΔE2000, but enough to rank four far-apart keys. */
export function colorDistance(first: string, second: string): number {
  const p = hexToLab(first);
  const q = hexToLab(second);
  return Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}

/**
 * The key colour for a transparent asset: the candidate whose nearest brand colour is farthest
 * away, so removing the background cannot eat into the brand-coloured subject.
 */
export function chooseKeyColor(palette: readonly string[]): string {
  let best: string = KEY_COLOR_CANDIDATES[0];
  let bestClearance = Number.NEGATIVE_INFINITY;
  for (const candidate of KEY_COLOR_CANDIDATES) {
    const clearance = Math.min(...palette.map((color) => colorDistance(candidate, color)));
    if (clearance > bestClearance) {
      best = candidate;
      bestClearance = clearance;
    }
  }
  return best;
}
