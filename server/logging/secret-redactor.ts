/** What a secret becomes in a log line. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are replaced only where they are a whole JSON string (`"abc"`), never
 * inside longer text: searching for a short value would turn ordinary words into `[redacted]`, and
 * no credential the studio is given is that short.
 */
export const MIN_SECRET_LENGTH = 8;

/** Standard base64 of at least 16 bytes: the shape of extension secrets, whose decoded bytes are the HMAC key. */
const BASE64_KEY = /^(?:[A-Za-z0-9+/]{4}){5,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** With the `u` flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Text as it appears inside a JSON string, which is all a serialised line holds. */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * pino writes short strings with only `"` and `\` escaped, leaving a lone surrogate as it is,
 * where JSON.stringify writes `\udxxx`.
 */
const inPinoString = (text: string) => text.replace(/["\\]/g, '\\$&');

/** Every spelling of one secret a line could carry: as JSON text, URL-encoded and, for a base64 key, its bytes. */
function spellings(secret: string): string[] {
  const forms = [inJson(secret), inPinoString(secret)];
  // encodeURIComponent throws on a lone surrogate; such text cannot be in a URL anyway.
  if (!LONE_SURROGATE.test(secret)) forms.push(encodeURIComponent(secret));
  if (BASE64_KEY.test(secret)) {
    const bytes = Buffer.from(secret, 'base64');
    // hex and base64url as code prints keys; the byte list is how JSON writes a Buffer.
    forms.push(bytes.toString('hex'), bytes.toString('base64url'), bytes.join(','));
  }
  return forms;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces every given secret in a serialised JSON log line with `[redacted]`.
 * Matches start only at a character boundary of the JSON text (after an even run of backslashes),
 * so a replacement never splits an escape and the line stays valid JSON.
 */
export function createSecretRedactor(secrets: Iterable<string | undefined>): (line: string) => string {
  const long = new Set<string>();
  const short = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    if (secret.length >= MIN_SECRET_LENGTH) for (const form of spellings(secret)) long.add(form);
    else short.add(`"${inJson(secret)}"`);
  }
  // Longest first, so a secret that contains another is replaced whole.
  const forms = [...long, ...short].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (line) => line;
  const pattern = new RegExp(`(?<=(?:^|[^\\\\])(?:\\\\\\\\)*)(?:${forms.map(escapeRegExp).join('|')})`, 'g');
  return (line) => line.replace(pattern, (match) => (short.has(match) ? `"${REDACTED}"` : REDACTED));
}
