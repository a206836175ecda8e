import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidImageError, InvalidInputError } from '../errors/index.js';
import { alphaBounds } from './alpha-bounds.js';
import { processImage } from './process-image.js';
import { encode, noiseImage, pixelsOf, renderScene, type Shape } from './test-images.js';

const GREEN = [0, 255, 0] as const;
const onGreen = (width: number, height: number, shapes: Shape[]) =>
  encode(renderScene({ width, height, background: GREEN, shapes, noise: 4, seed: 2 }), 'png');

describe('processImage', () => {
  it('makes a sub badge from a noisy picture that fits 25 KB', async () => {
    const files = await processImage(await encode(noiseImage(1024, 1024, 1, 4), 'png'), 'sub_badge');
    expect(files.map((f) => f.width)).toEqual([72, 36, 18]);
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(25_000);
  });

  it('refuses bytes that are not a PNG, JPEG or WebP image', async () => {
    const png = await encode(noiseImage(64, 64, 1), 'png');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const bad of [Buffer.alloc(0), Buffer.from('not an image at all'), png.subarray(0, 200), svg]) {
      await expect(processImage(bad, 'emote')).rejects.toBeInstanceOf(InvalidImageError);
    }
    await expect(processImage(Buffer.from('garbage'), 'panel')).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
    });
  });

  it('refuses a key colour that is not #rrggbb', async () => {
    const png = await onGreen(64, 64, []);
    await expect(processImage(png, 'emote', { keyColor: 'green' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('refuses a transparent asset with nothing but background in it', async () => {
    await expect(processImage(await onGreen(256, 256, []), 'emote')).rejects.toThrow(
      /nothing but background/,
    );
  });

  it('centres an off-centre subject and fills the icon with it, cut off nowhere', async () => {
    const subject: Shape = { kind: 'rect', x: 0.2, y: 0.25, w: 0.2, h: 0.3, color: [220, 30, 40] };
    const [emote] = await processImage(await onGreen(1024, 1024, [subject]), 'emote', {
      keyColor: '#00ff00',
    });
    const bounds = alphaBounds(await pixelsOf(emote!.data), 128)!;
    // A 2:3 subject in a square: full height, centred horizontally.
    expect(bounds.top).toBeLessThanOrEqual(2);
    expect(bounds.top + bounds.height).toBeGreaterThanOrEqual(110);
    expect(Math.abs(bounds.left - (112 - bounds.left - bounds.width))).toBeLessThanOrEqual(2);
  });

  it('leaves the parts of an overlay where they were drawn', async () => {
    const lowerThird: Shape = { kind: 'rect', x: 0.25, y: 0.85, w: 0.4, h: 0.15, color: [30, 30, 200] };
    const [overlay] = await processImage(await onGreen(1344, 768, [lowerThird]), 'overlay');
    const bounds = alphaBounds(await pixelsOf(overlay!.data), 128)!;
    expect(bounds.left).toBeGreaterThan(1920 * 0.03);
    expect(bounds.left + bounds.width).toBeLessThan(1920 * 0.5);
    expect(bounds.top).toBeGreaterThan(1080 * 0.7);
  });

  it('keeps an alpha channel on a transparent type even when there was no background to remove', async () => {
    // Lossless noise is over the 1 MB alert limit, so this also crosses the palette path.
    const [alert] = await processImage(await encode(noiseImage(700, 700, 4), 'png'), 'alert');
    expect(alert!.bytes).toBeLessThanOrEqual(1_000_000);
    expect(await sharp(alert!.data).metadata()).toMatchObject({ isPalette: true, hasAlpha: true });
  });

  it('flattens a transparent source onto white for opaque types', async () => {
    const clear = await sharp({ create: { width: 400, height: 200, channels: 4, background: '#ff000000' } })
      .png()
      .toBuffer();
    const [panel] = await processImage(clear, 'panel');
    const { data, info } = await sharp(panel!.data).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect(data.every((value) => value === 255)).toBe(true);
  });

  it('crops opaque types towards the busy part of the picture, not just the middle', async () => {
    // A square picture cropped to a 2:1 panel; a centre crop would keep rows 25%–75% only.
    const detail: Shape = { kind: 'ellipse', x: 0.5, y: 0.12, w: 0.2, h: 0.12, color: [250, 200, 0] };
    const source = renderScene({
      width: 1024,
      height: 1024,
      background: [60, 60, 70],
      shapes: [detail],
      noise: 0,
      seed: 1,
    });
    const [panel] = await processImage(await encode(source, 'png'), 'panel');
    const { data } = await sharp(panel!.data).raw().toBuffer({ resolveWithObject: true });
    let yellow = 0;
    for (let at = 0; at < data.length; at += 3)
      if (data[at]! > 200 && data[at + 1]! > 150 && data[at + 2]! < 80) yellow++;
    expect(yellow).toBeGreaterThan(100);
  });
});
