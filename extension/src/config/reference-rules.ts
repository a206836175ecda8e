import {
  MAX_REFERENCE_BYTES,
  MAX_REFERENCE_LABEL,
  MAX_REFERENCES_PER_KIT,
} from '../../../server/references/reference-image.js';
import { LOGO_TYPES } from './logo-rules.js';

// The server's own limits (a file of constants, nothing else, so the bundle gains only numbers).
export { MAX_REFERENCE_BYTES, MAX_REFERENCE_LABEL, MAX_REFERENCES_PER_KIT };

/** The image types the server keeps as a reference: the same as a logo's. */
export const REFERENCE_TYPES = LOGO_TYPES;

/** Why `file` cannot be a reference image, in a sentence, or null when it may be uploaded. */
export function referenceProblem(file: Blob): string | null {
  if (!(REFERENCE_TYPES as readonly string[]).includes(file.type))
    return 'A reference image must be a PNG, JPEG or WebP image.';
  if (file.size > MAX_REFERENCE_BYTES) return 'This image is over 5 MB, the most a reference image may be.';
  return null;
}
