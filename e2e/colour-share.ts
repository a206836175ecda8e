import sharp from 'sharp';

const channels = (hex: string): [number, number, number] => {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`${hex} is not a #rrggbb colour`);
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
};

/**
 * The share (0–1) of an image's opaque pixels within `tolerance` (RGB distance) of `hex`: how
 * much of what a transparent asset actually shows is drawn in that colour.
 */
export async function colourShare(image: Buffer, hex: string, tolerance = 80): Promise<number> {
  const [r, g, b] = channels(hex);
  const { data } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let opaque = 0;
  let near = 0;
  for (let at = 0; at < data.length; at += 4) {
    if (data[at + 3]! < 200) continue;
    opaque++;
    if (Math.hypot(data[at]! - r, data[at + 1]! - g, data[at + 2]! - b) <= tolerance) near++;
  }
  if (opaque === 0) throw new Error('the image has no opaque pixel');
  return near / opaque;
}
