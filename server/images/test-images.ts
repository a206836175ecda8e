import sharp from 'sharp';
import { fromRaw, type RawImage } from './raw-image.js';

/** Test fixtures: deterministic synthetic images, so a failing case can be replayed from its seed. */

export type Color = readonly [number, number, number];

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shape {
  readonly kind: 'rect' | 'ellipse';
  /** Centre and size as fractions of the image. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly color: Color;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly background: Color;
  readonly shapes: readonly Shape[];
  /** Uniform noise added to every channel, ± this much. */
  readonly noise: number;
  /** Leave the background transparent, as a provider that returns real alpha would. */
  readonly clearBackground?: boolean;
  readonly seed: number;
}

/** Pixel coverage of a shape, anti-aliased over one pixel like a model's or a renderer's edge. */
function coverage(kind: Shape['kind'], dx: number, dy: number, rx: number, ry: number): number {
  const distance =
    kind === 'rect'
      ? Math.max(Math.abs(dx) - rx, Math.abs(dy) - ry)
      : (Math.sqrt((dx / rx) ** 2 + (dy / ry) ** 2) - 1) * Math.min(rx, ry);
  return Math.max(0, Math.min(1, 0.5 - distance));
}

/** Draws a scene into RGBA pixels: background, shapes in order (each only over its own box), then noise. */
export function renderScene(scene: Scene): RawImage {
  const { width, height, background, shapes, noise } = scene;
  const data = Buffer.alloc(width * height * 4);
  const ground = scene.clearBackground ? 0 : 255;
  for (let at = 0; at < data.length; at += 4) {
    data[at] = background[0];
    data[at + 1] = background[1];
    data[at + 2] = background[2];
    data[at + 3] = ground;
  }
  for (const shape of shapes) {
    const cx = shape.x * width;
    const cy = shape.y * height;
    const rx = Math.max(0.5, (shape.w * width) / 2);
    const ry = Math.max(0.5, (shape.h * height) / 2);
    for (let y = Math.max(0, Math.floor(cy - ry - 1)); y < Math.min(height, Math.ceil(cy + ry + 1)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx - 1)); x < Math.min(width, Math.ceil(cx + rx + 1)); x++) {
        const share = coverage(shape.kind, x + 0.5 - cx, y + 0.5 - cy, rx, ry);
        if (share === 0) continue;
        const at = (y * width + x) * 4;
        for (let c = 0; c < 3; c++) {
          data[at + c] = Math.round(share * shape.color[c]! + (1 - share) * data[at + c]!);
        }
        data[at + 3] = Math.round(255 * share + (1 - share) * data[at + 3]!);
      }
    }
  }
  if (noise > 0) {
    const next = random(scene.seed);
    for (let at = 0; at < data.length; at++) {
      // Clamped by hand: typed arrays wrap out-of-range values instead.
      if (at % 4 !== 3)
        data[at] = Math.max(0, Math.min(255, Math.round(data[at]! + (next() * 2 - 1) * noise)));
    }
  }
  return { data, width, height, channels: 4 };
}

/** Uniform random RGB noise: the least compressible picture there is. */
export function noiseImage(width: number, height: number, seed: number, channels: 3 | 4 = 3): RawImage {
  const next = random(seed);
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++)
    data[i] = channels === 4 && i % 4 === 3 ? 255 : Math.floor(next() * 256);
  return { data, width, height, channels };
}

/** Encodes raw pixels the way a provider might send them. */
export function encode(image: RawImage, format: 'png' | 'jpeg' | 'webp'): Promise<Buffer> {
  const pipeline = fromRaw(image);
  if (format === 'png') return pipeline.png({ compressionLevel: 1 }).toBuffer();
  if (format === 'jpeg') return pipeline.jpeg({ quality: 90 }).toBuffer();
  return pipeline.webp({ quality: 90 }).toBuffer();
}

/** Decodes a file back to RGBA pixels for inspection. */
export async function pixelsOf(file: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 4 };
}
