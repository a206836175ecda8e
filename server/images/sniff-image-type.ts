/** An image format we store as it came: its content type and the file extension it is stored under. */
export interface ImageType {
  readonly contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  readonly extension: 'png' | 'jpg' | 'webp';
}

/** The formats kept as they came (logos, providers' originals), by sharp's name for each. */
export const KEPT_IMAGE_TYPES = {
  png: { contentType: 'image/png', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  webp: { contentType: 'image/webp', extension: 'webp' },
} as const satisfies Record<string, ImageType>;

/** The kept type of a format sharp reports (`metadata().format`); undefined for any other. */
export function keptImageType(format: string | undefined): ImageType | undefined {
  return format !== undefined && Object.hasOwn(KEPT_IMAGE_TYPES, format)
    ? KEPT_IMAGE_TYPES[format as keyof typeof KEPT_IMAGE_TYPES]
    : undefined;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((byte, i) => data[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The format the bytes themselves say they are (PNG, JPEG or WebP), whatever a provider claimed;
 * null for anything else. Reads the signature only, for bytes already known to decode.
 */
export function sniffImageType(data: Uint8Array): ImageType | null {
  if (startsWith(data, PNG)) return KEPT_IMAGE_TYPES.png;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return KEPT_IMAGE_TYPES.jpeg;
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return KEPT_IMAGE_TYPES.webp;
  return null;
}
