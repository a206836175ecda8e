import { sharp, toBuffer } from './sharp.js';
import type { ImageType } from './sniff-image-type.js';

/**
 * The longest side a reference image is kept at. Image models read references at about this size
 * or less, and a kit's six plus a request's four stay far inside Gemini's inline request limit.
 */
export const REFERENCE_LONG_SIDE = 1536;

/**
 * A streamer's photo as it is kept and sent to the model: turned upright by its EXIF orientation,
 * fitted within `REFERENCE_LONG_SIDE`, and re-encoded in its own format with no metadata at all —
 * a phone photo's GPS position and camera serial must not be stored, nor sent to Google.
 */
export async function prepareReferenceImage(data: Buffer, type: ImageType): Promise<Buffer> {
  const image = sharp(data).rotate().resize({
    width: REFERENCE_LONG_SIDE,
    height: REFERENCE_LONG_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  switch (type.contentType) {
    case 'image/png':
      return toBuffer(image.png({ compressionLevel: 9 }));
    case 'image/jpeg':
      return toBuffer(image.jpeg({ quality: 88, mozjpeg: true }));
    case 'image/webp':
      return toBuffer(image.webp({ quality: 88 }));
  }
}
