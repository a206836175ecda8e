import type { MiddlewareHandler } from 'hono';
import { InvalidInputError } from '../errors/index.js';

// A NUL, or a UTF-16 surrogate without its other half: text Postgres cannot store (text or jsonb).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is exactly what this rule refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for text the database can store as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The path of the first string (value or key) in a JSON value that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.') || '(body)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, '(key)'].join('.');
      const found = findUnstorableText(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

function refuse(where: string, field: string): never {
  throw new InvalidInputError(
    `invalid ${where} field "${field}": text may not contain NUL characters or unpaired surrogates`,
    [{ path: field, message: 'contains a NUL character or an unpaired surrogate' }],
  );
}

/**
 * The one rule for text that reaches the database: every query value and every string in a JSON
 * body (keys too) is checked before any route sees it, and one that Postgres could not store is a
 * 400 naming the field — never a database error. Refused rather than cleaned, so what is stored is
 * exactly what was sent.
 */
export function storableText(): MiddlewareHandler {
  return async function storableText(c, next) {
    for (const [name, values] of Object.entries(c.req.queries()))
      if (!isStorableText(name) || values.some((value) => !isStorableText(value))) refuse('query', name);
    if (c.req.header('content-type')?.startsWith('application/json')) {
      // Parsed once here and cached by Hono for the route's own validator; malformed JSON is its to report.
      const body = await c.req.json().catch(() => undefined);
      const field = findUnstorableText(body);
      if (field !== null) refuse('json', field);
    }
    await next();
  };
}
