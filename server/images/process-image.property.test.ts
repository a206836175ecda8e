import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ASSET_TYPES, CATALOGUE } from '../catalogue/index.js';
import { processImage } from './process-image.js';
import { type Color, encode, renderScene, type Shape } from './test-images.js';

/** Sources are capped near a Gemini canvas (about 1 MP) to keep 100 runs quick; extreme aspects stay in. */
const MAX_AREA = 1_100_000;
const KEY_GREEN: Color = [0, 255, 0];

const edge = fc.oneof(fc.integer({ min: 16, max: 2048 }), fc.constantFrom(16, 17, 2048));
const channel = fc.integer({ min: 0, max: 255 });
const color = fc.tuple(channel, channel, channel);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const shape: fc.Arbitrary<Shape> = fc.record({
  kind: fc.constantFrom('rect', 'ellipse'),
  x: fraction,
  y: fraction,
  w: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
  h: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
  color,
});

/** A colour at least 88 per channel from `background`, so every scene has a subject that survives keying. */
const contrasting = (background: Color): Color =>
  background.map((c) => (c >= 128 ? Math.round(c / 6) : 255 - Math.round(c / 6))) as unknown as Color;

const source = fc
  .record({
    width: edge,
    height: edge,
    // Half the scenes sit on a drifted key green, as transparent types are asked for.
    onKey: fc.boolean(),
    drift: fc.tuple(
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: -20, max: 0 }),
      fc.integer({ min: 0, max: 20 }),
    ),
    background: color,
    shapes: fc.array(shape, { maxLength: 5 }),
    // From flat to pure noise, so both easily compressed and incompressible pictures appear.
    noise: fc.constantFrom(0, 0, 6, 24, 128),
    seed: fc.integer(),
    format: fc.constantFrom('png', 'jpeg', 'webp'),
    hint: fc.boolean(),
    // Some providers send real alpha; JPEG cannot carry it and arrives flattened instead.
    clearBackground: fc.boolean(),
  })
  .map(({ width, height, onKey, drift, background, shapes, ...rest }) => {
    const scale = Math.min(1, Math.sqrt(MAX_AREA / (width * height)));
    const ground = onKey ? (KEY_GREEN.map((c, i) => c + drift[i]!) as unknown as Color) : background;
    const subject: Shape = { kind: 'ellipse', x: 0.5, y: 0.5, w: 0.4, h: 0.4, color: contrasting(ground) };
    return {
      ...rest,
      width: Math.max(16, Math.round(width * scale)),
      height: Math.max(16, Math.round(height * scale)),
      background: ground,
      shapes: [subject, ...shapes],
    };
  });

describe('processImage — property 7: asset dimensions match type', () => {
  it('makes exactly the catalogue files, with alpha only for transparent types, each within its limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ASSET_TYPES), source, async (type, scene) => {
        const spec = CATALOGUE[type];
        const input = await encode(renderScene(scene), scene.format);
        const files = await processImage(input, type, scene.hint ? { keyColor: '#00ff00' } : {});

        expect(files.map(({ width, height }) => ({ width, height }))).toEqual(spec.sizes);
        for (const file of files) {
          const metadata = await sharp(file.data).metadata();
          expect(metadata).toMatchObject({ format: 'png', width: file.width, height: file.height });
          expect(metadata.hasAlpha).toBe(spec.transparent);
          expect(metadata.channels).toBe(spec.transparent ? 4 : 3);
          expect(file.contentType).toBe('image/png');
          expect(file.bytes).toBe(file.data.length);
          expect(file.bytes).toBeLessThanOrEqual(spec.maxBytes);
        }
      }),
      { numRuns: 100 },
    );
  }, 180_000);
});
