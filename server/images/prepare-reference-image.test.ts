import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareReferenceImage, REFERENCE_LONG_SIDE } from './prepare-reference-image.js';
import { KEPT_IMAGE_TYPES } from './sniff-image-type.js';

/** A phone photo: landscape pixels, an EXIF orientation saying "turn me upright", and a GPS position. */
async function phonePhoto(format: 'jpeg' | 'webp' | 'png', width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toFormat(format)
    .toBuffer();
}

describe('prepareReferenceImage', () => {
  it.each(['jpeg', 'webp', 'png'] as const)(
    'keeps a %s upright, within the long side, in its own format, with no EXIF left',
    async (format) => {
      const photo = await phonePhoto(format);
      const before = await sharp(photo).metadata();
      expect([before.orientation, before.exif?.includes('PhoneMaker')], 'the test photo').toEqual([6, true]);
      const kept = await prepareReferenceImage(photo, KEPT_IMAGE_TYPES[format]);
      const after = await sharp(kept).metadata();
      expect(after.format).toBe(format);
      expect(after.exif).toBeUndefined();
      expect(kept.includes(Buffer.from('PhoneMaker'))).toBe(false);
      // Orientation 6 turns 3000×2000 on its side: upright it is portrait, 1024×1536.
      expect([after.width, after.height]).toEqual([(REFERENCE_LONG_SIDE * 2) / 3, REFERENCE_LONG_SIDE]);
      expect(after.orientation ?? 1).toBe(1);
    },
  );

  it('never enlarges a small picture', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#fff0' } })
      .png()
      .toBuffer();
    const kept = await sharp(await prepareReferenceImage(small, KEPT_IMAGE_TYPES.png)).metadata();
    expect([kept.width, kept.height, kept.hasAlpha]).toEqual([300, 200, true]);
  });
});
