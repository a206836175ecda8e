import type { MiddlewareHandler } from 'hono';
import { InvalidInputError } from '../errors/index.js';

// A NUL, or a UTF-16 surrogate without its other half: text Postgres cannot store (text or jsonb).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is exactly what this rule refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for text the database can store as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** A step of a path into a JSON value, linked to its parent so a deep value costs no copying. */
interface PathStep {
  readonly segment: string | number;
  readonly parent: PathStep | null;
}

const pathOf = (step: PathStep | null): string => {
  const segments: (string | number)[] = [];
  for (let at = step; at; at = at.parent) segments.push(at.segment);
  return segments.reverse().join('.') || '(body)';
};

type Visit =
  | { readonly value: unknown; readonly at: PathStep | null }
  | { readonly key: string; readonly at: PathStep };

/**
 * The path of the first string (value or key) in a JSON value that cannot be stored, or null.
 * Walks with its own stack, not recursion: JSON nested a hundred thousand deep fits in a body.
 */
export function findUnstorableText(value: unknown): string | null {
  const pending: Visit[] = [{ value, at: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if ('key' in visit) {
      if (!isStorableText(visit.key)) return pathOf(visit.at);
      continue;
    }
    const { value: item, at } = visit;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return pathOf(at);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1)
        pending.push({ value: item[i], at: { segment: i, parent: at } });
    } else if (item !== null && typeof item === 'object') {
      // Pushed last to first, each key before its value, so the first bad one in document order is found.
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, at: { segment: key, parent: at } });
        pending.push({ key, at: { segment: '(key)', parent: at } });
      }
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
