import { describe, expect, it } from 'vitest';
import { estimateBackground } from './estimate-background.js';
import { noiseImage, renderScene } from './test-images.js';

const GREEN = { r: 0, g: 255, b: 0 };

describe('estimateBackground', () => {
  it('finds the colour the model actually drew, not the one it was asked for', () => {
    const image = renderScene({
      width: 120,
      height: 80,
      background: [10, 250, 8],
      shapes: [{ kind: 'ellipse', x: 0.5, y: 0.5, w: 0.5, h: 0.5, color: [200, 30, 200] }],
      noise: 8,
      seed: 1,
    });
    const verdict = estimateBackground(image, GREEN);
    expect(verdict.kind).toBe('key');
    if (verdict.kind !== 'key') return;
    expect(Math.abs(verdict.color.r - 10)).toBeLessThan(3);
    expect(Math.abs(verdict.color.g - 250)).toBeLessThan(3);
    expect(Math.abs(verdict.color.b - 8)).toBeLessThan(3);
    // Wide enough to swallow the noise, far narrower than the distance to the subject.
    expect(verdict.tolerance).toBeGreaterThan(14);
    expect(verdict.tolerance).toBeLessThan(100);
  });

  it('prefers the requested key when the subject covers more of the border than the background', () => {
    const image = renderScene({
      width: 100,
      height: 100,
      background: [0, 240, 10],
      shapes: [{ kind: 'rect', x: 0.3, y: 0.5, w: 0.6, h: 1.2, color: [20, 40, 220] }],
      noise: 0,
      seed: 1,
    });
    const hinted = estimateBackground(image, GREEN);
    const unhinted = estimateBackground(image);
    expect(hinted).toMatchObject({ kind: 'key', color: { r: 0, g: 240, b: 10 } });
    expect(unhinted).toMatchObject({ kind: 'key', color: { r: 20, g: 40, b: 220 } });
  });

  it('finds no background in a picture that runs to the edge', () => {
    expect(estimateBackground(noiseImage(80, 80, 5, 4), GREEN)).toEqual({ kind: 'none' });
  });

  it('sees a textured border as part of the picture, not a background', () => {
    const image = renderScene({
      width: 80,
      height: 80,
      background: [120, 120, 120],
      shapes: [],
      noise: 45,
      seed: 4,
    });
    expect(estimateBackground(image)).toEqual({ kind: 'none' });
    const flat = renderScene({
      width: 80,
      height: 80,
      background: [120, 120, 120],
      shapes: [],
      noise: 12,
      seed: 4,
    });
    expect(estimateBackground(flat)).toMatchObject({ kind: 'key' });
  });

  it('sees a transparent border as alpha the provider already gave', () => {
    const image = noiseImage(40, 40, 5, 4);
    for (let at = 3; at < image.data.length; at += 4) image.data[at] = 0;
    expect(estimateBackground(image)).toEqual({ kind: 'transparent' });
  });
});
