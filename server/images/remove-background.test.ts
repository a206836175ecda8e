import { describe, expect, it } from 'vitest';
import { removeBackground } from './remove-background.js';
import { noiseImage, renderScene } from './test-images.js';

const SIZE = 200;
const RADIUS = 60;
const DRIFTED_KEY = [10, 250, 8] as const;

/** A red disc on a drifted, noisy green, with a key-green dot in its middle that the background cannot reach. */
const disc = () =>
  renderScene({
    width: SIZE,
    height: SIZE,
    background: DRIFTED_KEY,
    shapes: [
      {
        kind: 'ellipse',
        x: 0.5,
        y: 0.5,
        w: (2 * RADIUS) / SIZE,
        h: (2 * RADIUS) / SIZE,
        color: [230, 20, 30],
      },
      { kind: 'ellipse', x: 0.5, y: 0.5, w: 0.1, h: 0.1, color: DRIFTED_KEY },
    ],
    noise: 10,
    seed: 7,
  });

/** Every pixel with its distance from the centre. */
function* pixels(data: Buffer) {
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const at = (y * SIZE + x) * 4;
      const distance = Math.hypot(x + 0.5 - SIZE / 2, y + 0.5 - SIZE / 2);
      yield { x, y, distance, r: data[at]!, g: data[at + 1]!, b: data[at + 2]!, alpha: data[at + 3]! };
    }
  }
}

describe('removeBackground', () => {
  const { image, removed } = removeBackground(disc(), { keyColor: { r: 0, g: 255, b: 0 } });
  const all = [...pixels(image.data)];

  it('makes everything around the subject fully transparent, corners included', () => {
    expect(removed).toBe(true);
    for (const corner of [0, SIZE - 1, SIZE * (SIZE - 1), SIZE * SIZE - 1])
      expect(image.data[corner * 4 + 3]).toBe(0);
    expect(all.filter((p) => p.distance > RADIUS + 3 && p.alpha > 0)).toEqual([]);
  });

  it('keeps the subject opaque, including key-coloured parts the border cannot reach', () => {
    expect(all.filter((p) => p.distance < RADIUS - 3 && p.alpha !== 255)).toEqual([]);
    const centre = all.find((p) => p.x === SIZE / 2 && p.y === SIZE / 2)!;
    expect(centre).toMatchObject({ alpha: 255 });
    expect(centre.g).toBeGreaterThan(200);
  });

  it('feathers the edge over a narrow band', () => {
    const partial = all.filter((p) => p.alpha > 0 && p.alpha < 255);
    expect(partial.length).toBeGreaterThan(2 * Math.PI * RADIUS * 0.5);
    expect(partial.every((p) => Math.abs(p.distance - RADIUS) <= 3)).toBe(true);
  });

  it('leaves no green fringe on visible edge pixels', () => {
    const edge = all.filter((p) => p.alpha >= 32 && Math.abs(p.distance - RADIUS) <= 3);
    expect(edge.length).toBeGreaterThan(0);
    expect(edge.filter((p) => p.r - p.g < 128)).toEqual([]);
  });

  it('leaves a picture with no flat border whole and opaque', () => {
    const noise = noiseImage(64, 64, 3, 4);
    const result = removeBackground(noise);
    expect(result.removed).toBe(false);
    expect(result.image.data.equals(noise.data)).toBe(true);
  });

  it('keeps the alpha of an image that is already transparent', () => {
    const source = disc();
    for (let at = 0; at < source.data.length; at += 4)
      if (source.data[at + 1]! > 200) source.data[at + 3] = 0;
    const result = removeBackground(source);
    expect(result.removed).toBe(true);
    expect(result.image.data.equals(source.data)).toBe(true);
  });
});
