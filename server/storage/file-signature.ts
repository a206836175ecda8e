import { createHmac, timingSafeEqual } from 'node:crypto';
import { VISIBILITIES, type Visibility } from '../vocabulary/index.js';

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** The base64url HMAC-SHA256 that a signed file URL carries: it binds visibility, key and expiry. */
export function fileSignature(
  signingKey: Buffer,
  visibility: Visibility,
  key: string,
  expires: number,
): string {
  return createHmac('sha256', signingKey).update(`${visibility}/${key}:${expires}`).digest('base64url');
}

/** True when `signature` was made with `signingKey` for exactly this file and `expires` (unix s) is after `nowMs`. */
export function verifyFileSignature(
  signingKey: Buffer,
  visibility: Visibility,
  key: string,
  expires: number,
  signature: string,
  nowMs: number,
): boolean {
  if (!VISIBILITIES.includes(visibility) || !Number.isSafeInteger(expires) || !SIGNATURE.test(signature)) {
    return false;
  }
  if (expires * 1000 <= nowMs) return false;
  const expected = Buffer.from(fileSignature(signingKey, visibility, key, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
