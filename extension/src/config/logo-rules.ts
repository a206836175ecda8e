/** The image types the server takes as a logo, as the file picker's `accept` lists them. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** The server refuses a larger logo; checking first spares the streamer a wasted upload. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** Rounded up, so a file just over the limit never reads as exactly 2 MB. */
const megabytes = (bytes: number) => `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;

/** Why `file` cannot be a logo, in a sentence, or null when it may be uploaded. */
export function logoProblem(file: Blob): string | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type))
    return 'A logo must be a PNG, JPEG or WebP image.';
  if (file.size > MAX_LOGO_BYTES) return `This image is ${megabytes(file.size)}; a logo may be 2 MB at most.`;
  return null;
}
