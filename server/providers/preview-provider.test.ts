import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageRequest } from './image-provider.js';
import { canvasFor } from './preview-artwork.js';
import { PREVIEW_MODEL, PreviewImageProvider } from './preview-provider.js';

const request = (
  overrides: Partial<ImageRequest['hints']> = {},
  aspectRatio: ImageRequest['aspectRatio'] = '1:1',
) =>
  ({
    prompt: 'ignored offline',
    aspectRatio,
    referenceImages: [],
    hints: {
      subject: 'a cat in sunglasses',
      palette: ['#ff0000', '#0000ff', '#ffff00'],
      label: 'Emote',
      ...overrides,
    },
  }) satisfies ImageRequest;

async function pixel(data: Buffer, x: number, y: number) {
  const { data: raw, info } = await sharp(data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [raw[i], raw[i + 1], raw[i + 2]];
}

describe('preview provider', () => {
  const provider = new PreviewImageProvider();

  it('draws a PNG of the size Gemini returns for the ratio', async () => {
    const image = await provider.generate(request({}, '16:9'));
    const meta = await sharp(image.data).metadata();
    expect(image).toMatchObject({ mimeType: 'image/png', model: PREVIEW_MODEL });
    expect({ width: meta.width, height: meta.height }).toEqual(canvasFor('16:9'));
    expect(canvasFor('1:1')).toEqual({ width: 1024, height: 1024 });
  });

  it('puts transparent types on the flat key colour, edge to edge', async () => {
    const image = await provider.generate(request({ keyColor: '#00ff00' }));
    for (const [x, y] of [
      [0, 0],
      [1023, 0],
      [0, 1023],
      [1023, 1023],
      [512, 5],
    ] as const) {
      expect(await pixel(image.data, x, y)).toEqual([0, 255, 0]);
    }
  });

  it('paints opaque types in the brand colours', async () => {
    const image = await provider.generate(request());
    expect(await pixel(image.data, 0, 0)).toEqual([255, 0, 0]);
    const [r, g, b] = (await pixel(image.data, 1023, 1023)) as [number, number, number];
    expect(b).toBeGreaterThan(200);
    expect(r + g).toBeLessThan(60);
  });

  it('draws different subjects differently and the same subject the same', async () => {
    const a = await provider.generate(request({ subject: 'a dragon' }));
    const b = await provider.generate(request({ subject: 'a dragon' }));
    const c = await provider.generate(request({ subject: 'a teapot' }));
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.data.equals(c.data)).toBe(false);
  });

  it('stops when the request is aborted', async () => {
    const reason = new Error('job cancelled');
    await expect(provider.generate(request(), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
