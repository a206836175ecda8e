import { MAX_REFERENCES_PER_KIT } from '../../../server/references/reference-image.js';
import { LOGO_TYPES } from './logo-rules.js';

export { MAX_REFERENCES_PER_KIT };

/** The image types the server keeps as a reference: the same as a logo's. */
export const REFERENCE_TYPES = LOGO_TYPES;

/** The server refuses a larger reference image (its `MAX_REFERENCE_BYTES`); checking first spares a wasted upload. */
export const MAX_REFERENCE_BYTES = 5 * 1024 * 1024;

/** The most characters a reference's label may have (the server's `MAX_REFERENCE_LABEL`, counted once cleaned). */
export const MAX_REFERENCE_LABEL = 80;

/** Why `file` cannot be a reference image, in a sentence, or null when it may be uploaded. */
export function referenceProblem(file: Blob): string | null {
  if (!(REFERENCE_TYPES as readonly string[]).includes(file.type))
    return 'A reference image must be a PNG, JPEG or WebP image.';
  if (file.size > MAX_REFERENCE_BYTES) return 'This image is over 5 MB, the most a reference image may be.';
  return null;
}
