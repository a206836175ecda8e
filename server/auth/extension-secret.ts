const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** Shortest extension secret accepted; Twitch's are 32 bytes, and so is the local dev secret. */
export const MIN_SECRET_BYTES = 16;

/**
 * The HMAC key behind a base64 extension secret. Throws (naming no value) when the text is not
 * base64 or too short: an empty key would let anyone mint tokens. Call it at start to fail early.
 */
export function decodeExtensionSecret(secretBase64: string): Buffer {
  const text = secretBase64.trim();
  if (!BASE64.test(text)) throw new TypeError('the extension secret is not valid base64');
  const key = Buffer.from(text, 'base64');
  if (key.length < MIN_SECRET_BYTES) {
    throw new TypeError(`the extension secret must decode to at least ${MIN_SECRET_BYTES} bytes`);
  }
  return key;
}
