import type { RawImage } from './raw-image.js';
import type { Rgb } from './rgb.js';

/** Width in pixels of the edge band where alpha is estimated; anti-aliasing rarely spans more. */
const BAND = 2;
/** How far from an edge pixel to look for the subject's own, unmixed colour (just past the band). */
const SEARCH = BAND + 1;
/** Below this mixing share the colour is mostly key: take the neighbour's colour instead of amplifying noise. */
const MIN_UNMIX = 0.25;

const clamp01 = (value: number) => Math.max(0, Math.min(1, value));
const clampByte = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

/** Ring number (1 = touches the background, 2 = next one in, 0 = elsewhere) and the band's pixels in ring order. */
function edgeBand(
  background: Uint8Array,
  width: number,
  height: number,
): { ring: Uint8Array; band: Int32Array } {
  const ring = new Uint8Array(width * height);
  const band: number[] = [];
  // Ring 1 is found from the background; each further ring from the one before it.
  for (let pixel = 0; pixel < ring.length; pixel++) {
    if (background[pixel] === 0 && touchesBackground(background, pixel, width, height)) {
      ring[pixel] = 1;
      band.push(pixel);
    }
  }
  let from = 0;
  for (let depth = 2; depth <= BAND; depth++) {
    const to = band.length;
    for (let i = from; i < to; i++) {
      forNeighbours(band[i]!, width, height, (q) => {
        if (background[q] === 0 && ring[q] === 0) {
          ring[q] = depth;
          band.push(q);
        }
      });
    }
    from = to;
  }
  return { ring, band: Int32Array.from(band) };
}

function forNeighbours(pixel: number, width: number, height: number, visit: (q: number) => void): void {
  const x = pixel % width;
  const y = (pixel - x) / width;
  for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
    for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
      if (xx !== x || yy !== y) visit(yy * width + xx);
    }
  }
}

function touchesBackground(background: Uint8Array, pixel: number, width: number, height: number): boolean {
  const x = pixel % width;
  const y = (pixel - x) / width;
  for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
    for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
      if (background[yy * width + xx] === 1) return true;
    }
  }
  return false;
}

interface Neighbourhood {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly background: Uint8Array;
  readonly ring: Uint8Array;
  readonly key: Rgb;
  readonly minLength2: number;
}

/** Where an edge pixel's colour comes from: `subject` (a pixel index) mixed in at share `t`. */
interface Sample {
  readonly subject: number;
  readonly t: number;
  /** True when `subject` is an interior pixel, i.e. trusted to be pure subject colour. */
  readonly interior: boolean;
  /** Share of background among the pixel and its 8 neighbours. */
  readonly backgroundShare: number;
}

/**
 * Picks, within `SEARCH` pixels, the interior pixel whose colour best explains `pixel` as a mix
 * with the key (smallest residual off the key→subject line), so a dark outline pixel is matched
 * to the outline, not read as half-transparent fill. Thin strokes have no interior: the pixel
 * farthest from the key (possibly itself) stands in.
 */
function sampleSubject(n: Neighbourhood, pixel: number): Sample {
  const { data, width, height, background, ring, key } = n;
  const at = pixel * 4;
  const cr = data[at]! - key.r;
  const cg = data[at + 1]! - key.g;
  const cb = data[at + 2]! - key.b;
  const x = pixel % width;
  const y = (pixel - x) / width;
  let best = -1;
  let bestT = 0;
  let bestResidual = Number.POSITIVE_INFINITY;
  let farthest = pixel;
  let farthestLength2 = -1;
  let near = 0;
  let nearBackground = 0;
  for (let yy = Math.max(0, y - SEARCH); yy <= Math.min(height - 1, y + SEARCH); yy++) {
    for (let xx = Math.max(0, x - SEARCH); xx <= Math.min(width - 1, x + SEARCH); xx++) {
      const q = yy * width + xx;
      const isBackground = background[q] === 1;
      if (Math.abs(xx - x) <= 1 && Math.abs(yy - y) <= 1) {
        near++;
        if (isBackground) nearBackground++;
      }
      if (isBackground) continue;
      const qa = q * 4;
      const fr = data[qa]! - key.r;
      const fg = data[qa + 1]! - key.g;
      const fb = data[qa + 2]! - key.b;
      const length2 = fr * fr + fg * fg + fb * fb;
      if (length2 > farthestLength2) {
        farthest = q;
        farthestLength2 = length2;
      }
      // Interior pixels too close to the key cannot tell subject from background apart.
      if (ring[q] !== 0 || length2 < n.minLength2) continue;
      const t = clamp01((cr * fr + cg * fg + cb * fb) / length2);
      const residual = (cr - t * fr) ** 2 + (cg - t * fg) ** 2 + (cb - t * fb) ** 2;
      if (residual < bestResidual) {
        best = q;
        bestT = t;
        bestResidual = residual;
      }
    }
  }
  const backgroundShare = nearBackground / near;
  if (best >= 0) return { subject: best, t: bestT, interior: true, backgroundShare };
  const fa = farthest * 4;
  const dot = cr * (data[fa]! - key.r) + cg * (data[fa + 1]! - key.g) + cb * (data[fa + 2]! - key.b);
  return { subject: farthest, t: clamp01(dot / farthestLength2), interior: false, backgroundShare };
}

const distanceFrom = (data: Uint8Array, pixel: number, key: Rgb) =>
  Math.sqrt(
    (data[pixel * 4]! - key.r) ** 2 +
      (data[pixel * 4 + 1]! - key.g) ** 2 +
      (data[pixel * 4 + 2]! - key.b) ** 2,
  );

/**
 * Turns the background mask into real alpha with a soft, halo-free edge. Each pixel `C` in the
 * band is read as a mix `t·F + (1−t)·B` of the key colour `B` and a nearby subject colour `F`.
 * Alpha comes from `t`, less the background's own noise; the colour becomes `F` un-mixed from
 * `C` (`B + (C−B)/t`), so no key colour fringes the subject. Ring 1 is feathered further by the
 * share of background around it, which smooths stair-stepped edges from aliased sources.
 * Returns new RGBA pixels; background pixels become transparent black.
 */
export function matteEdges(source: RawImage, background: Uint8Array, key: Rgb, tolerance: number): Buffer {
  const { data, width, height } = source;
  const out = Buffer.from(data);
  for (let pixel = 0; pixel < background.length; pixel++) {
    if (background[pixel] === 1) out.fill(0, pixel * 4, pixel * 4 + 4);
  }
  const { ring, band } = edgeBand(background, width, height);
  const neighbourhood = { data, width, height, background, ring, key, minLength2: tolerance * tolerance };
  const noise = tolerance / 2;

  for (const pixel of band) {
    const { subject, t, interior, backgroundShare } = sampleSubject(neighbourhood, pixel);
    let alpha: number;
    if (interior) {
      const length = distanceFrom(data, subject, key);
      alpha = clamp01((t * length - noise) / (length - noise));
    } else {
      // No pure colour to compare with: fade in with distance from the key past the tolerance.
      alpha = clamp01((distanceFrom(data, pixel, key) - tolerance) / tolerance);
    }
    if (ring[pixel] === 1) alpha = Math.min(alpha, 1 - backgroundShare);

    const at = pixel * 4;
    if (t >= MIN_UNMIX) {
      out[at] = clampByte(key.r + (data[at]! - key.r) / t);
      out[at + 1] = clampByte(key.g + (data[at + 1]! - key.g) / t);
      out[at + 2] = clampByte(key.b + (data[at + 2]! - key.b) / t);
    } else {
      out.set(data.subarray(subject * 4, subject * 4 + 3), at);
    }
    out[at + 3] = Math.round(alpha * data[at + 3]!);
  }
  return out;
}
