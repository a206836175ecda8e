import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AssetTooLargeError } from '../errors/index.js';
import { encodePngWithin } from './fit-byte-limit.js';
import { noiseImage, renderScene } from './test-images.js';

describe('encodePngWithin', () => {
  it('keeps a picture that fits lossless', async () => {
    const image = renderScene({
      width: 300,
      height: 200,
      background: [40, 90, 200],
      shapes: [],
      noise: 0,
      seed: 1,
    });
    const png = await encodePngWithin(image, 1_000_000, 'flat');
    const metadata = await sharp(png).metadata();
    expect(metadata.isPalette).toBe(false);
    const pixels = await sharp(png).raw().toBuffer();
    expect(pixels.equals(image.data)).toBe(true);
  });

  it('quantizes to a palette when lossless is over the limit, keeping alpha', async () => {
    const image = noiseImage(600, 600, 11, 4);
    const limit = 1_000_000;
    expect(
      (
        await sharp(image.data, { raw: { width: 600, height: 600, channels: 4 } })
          .png()
          .toBuffer()
      ).length,
    ).toBeGreaterThan(limit);
    const png = await encodePngWithin(image, limit, 'alert 600×600');
    expect(png.length).toBeLessThanOrEqual(limit);
    const metadata = await sharp(png).metadata();
    expect(metadata).toMatchObject({
      format: 'png',
      width: 600,
      height: 600,
      isPalette: true,
      hasAlpha: true,
    });
  });

  it('gives up with AssetTooLargeError when even the smallest palette is over the limit', async () => {
    const image = noiseImage(64, 64, 3);
    const attempt = encodePngWithin(image, 100, 'sub_badge 64×64');
    await expect(attempt).rejects.toBeInstanceOf(AssetTooLargeError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ASSET_TOO_LARGE',
      details: { file: 'sub_badge 64×64', limit: 100 },
    });
  });
});
