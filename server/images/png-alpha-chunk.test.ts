import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ensurePaletteAlpha } from './png-alpha-chunk.js';
import { noiseImage } from './test-images.js';

const opaque = noiseImage(32, 16, 9, 4);
const encode = (palette: boolean) =>
  sharp(opaque.data, { raw: { width: 32, height: 16, channels: 4 } })
    .png(palette ? { palette, colours: 16 } : {})
    .toBuffer();

describe('ensurePaletteAlpha', () => {
  it('gives an all-opaque palette PNG an alpha channel without changing a pixel', async () => {
    const png = await encode(true);
    expect((await sharp(png).metadata()).hasAlpha).toBe(false);
    const fixed = ensurePaletteAlpha(png);
    expect(await sharp(fixed).metadata()).toMatchObject({ hasAlpha: true, channels: 4, isPalette: true });
    const before = await sharp(png).ensureAlpha().raw().toBuffer();
    const after = await sharp(fixed).raw().toBuffer();
    expect(after.equals(before)).toBe(true);
  });

  it('leaves truecolour PNGs and palettes that already carry alpha alone', async () => {
    const truecolour = await encode(false);
    expect((await sharp(truecolour).metadata()).isPalette).toBe(false);
    expect(ensurePaletteAlpha(truecolour)).toBe(truecolour);
    const fixed = ensurePaletteAlpha(await encode(true));
    expect(ensurePaletteAlpha(fixed)).toBe(fixed);
  });
});
