import type { Sharp } from 'sharp';
import { type AssetSpec, type AssetType, CATALOGUE, type Size } from '../catalogue/index.js';
import { InvalidImageError } from '../errors/index.js';
import { alphaBounds, growRegion } from './alpha-bounds.js';
import { decodeImage } from './decode-image.js';
import { encodePngWithin } from './fit-byte-limit.js';
import { clearTransparentPixels, fromRaw, type RawImage, toRaw } from './raw-image.js';
import { removeBackground } from './remove-background.js';
import { parseHexColor, type Rgb } from './rgb.js';
import { sharpLibrary } from './sharp.js';

/** One finished file of an asset: exact catalogue pixels, PNG, within the type's byte limit. */
export interface ProcessedFile {
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly contentType: 'image/png';
  readonly data: Buffer;
}

export interface ProcessImageOptions {
  /** The `#rrggbb` background the image was asked for on; a hint, the border has the last word. */
  readonly keyColor?: string;
}

/**
 * How a picture is fitted to its files. `cover`: crop to the type's aspect where the content is
 * busiest (sharp's attention strategy). `subject`: trim to the opaque subject and centre it
 * with transparent padding, so an icon is never cut off and fills its small square.
 */
type Framing = 'cover' | 'subject';

/**
 * Transparent types show one subject, except the overlay: a full-screen layer whose parts sit
 * where they were drawn (a lower third stays low), so it keeps its canvas and is cropped instead.
 */
const framingOf = (spec: AssetSpec): Framing =>
  spec.transparent && spec.type !== 'overlay' ? 'subject' : 'cover';

/**
 * Working resolution relative to what covering the largest file needs: twice, so every file is a
 * clean downscale; four times for trimmed subjects, which may fill only part of the canvas.
 */
const OVERSAMPLE: Record<Framing, number> = { cover: 2, subject: 4 };

/** Alpha from which a pixel counts as subject when trimming; fainter specks do not widen the frame. */
const VISIBLE_ALPHA = 48;
/** Kept around the trimmed subject so its anti-aliased rim is not cut. */
const TRIM_MARGIN = 2;
/** Opaque types have no alpha to show a transparent source through; white is what a viewer expects. */
const FLATTEN_ONTO = '#ffffff';
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

interface Picture {
  readonly image: RawImage;
  readonly fit: 'fill' | 'contain';
}

/**
 * Turns a provider image into the exact files of `type`, in catalogue order. The source is
 * decoded once and background removal runs once, at working resolution; every file is then
 * resized from that. Throws `InvalidImageError` for bytes that are not a usable image and
 * `AssetTooLargeError` when a file cannot be brought under the type's byte limit.
 */
export async function processImage(
  input: Buffer,
  type: AssetType,
  options: ProcessImageOptions = {},
): Promise<ProcessedFile[]> {
  const spec = CATALOGUE[type];
  const keyColor = options.keyColor === undefined ? undefined : parseHexColor(options.keyColor);
  const framing = framingOf(spec);
  const largest = spec.sizes[0]!;
  const working = await decodeImage(input, largest, OVERSAMPLE[framing]);
  const picture = spec.transparent
    ? await transparentPicture(working, largest, framing, keyColor)
    : {
        image: await coverCrop(fromRaw(working).flatten({ background: FLATTEN_ONTO }), working, largest, 3),
        fit: 'fill' as const,
      };
  return Promise.all(spec.sizes.map((size) => renderFile(picture, size, spec)));
}

async function transparentPicture(
  working: RawImage,
  largest: Size,
  framing: Framing,
  keyColor?: Rgb,
): Promise<Picture> {
  const { image, removed } = removeBackground(working, { keyColor });
  const bounds = alphaBounds(image, VISIBLE_ALPHA);
  if (!bounds)
    throw new InvalidImageError(
      'the image holds nothing but background: no subject is left once it is removed',
    );
  if (framing === 'subject' && removed) {
    const region = growRegion(bounds, TRIM_MARGIN, image.width, image.height);
    return { image: await toRaw(fromRaw(image).extract(region), 4), fit: 'contain' };
  }
  return { image: await coverCrop(fromRaw(image), image, largest, 4), fit: 'fill' };
}

/**
 * Crops to the aspect of `target` at working resolution, keeping the region sharp's attention
 * strategy finds most salient. Cropping before scaling keeps extreme sources (16×2048 for a
 * 1920×1080 file) from being blown up whole first.
 */
async function coverCrop(pipeline: Sharp, from: Size, target: Size, channels: 3 | 4): Promise<RawImage> {
  const aspect = target.width / target.height;
  const crop =
    from.width / from.height > aspect
      ? { width: Math.max(1, Math.round(from.height * aspect)), height: from.height }
      : { width: from.width, height: Math.max(1, Math.round(from.width / aspect)) };
  return toRaw(
    pipeline.resize({ ...crop, fit: 'cover', position: sharpLibrary().strategy.attention }),
    channels,
  );
}

async function renderFile(picture: Picture, size: Size, spec: AssetSpec): Promise<ProcessedFile> {
  const { width, height } = size;
  const resized = await toRaw(
    fromRaw(picture.image).resize({ width, height, fit: picture.fit, background: TRANSPARENT }),
    picture.image.channels,
  );
  clearTransparentPixels(resized);
  const data = await encodePngWithin(resized, spec.maxBytes, `${spec.type} ${width}×${height}`);
  return { width, height, bytes: data.length, contentType: 'image/png', data };
}
