import path from 'node:path';

/** Longest key a driver accepts; real keys (`<channel>/<asset>/<size>.png`) are far shorter. */
export const MAX_STORAGE_KEY_LENGTH = 512;

// Every segment starts with a letter or digit: no empty segments (`a//b`, `/abs`, `a/`), no `.`/`..`,
// and no dot-files, which keeps the driver's own `.…tmp` files out of reach of any key.
const SEGMENT = /^[a-z0-9][a-z0-9_.-]*$/i;

/** True when `key` is a well-formed storage key (server-made; this is defence in depth). */
export function isStorageKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= MAX_STORAGE_KEY_LENGTH &&
    !key.includes('..') &&
    key.split('/').every((segment) => SEGMENT.test(segment))
  );
}

/** Throws unless `key` is a well-formed storage key. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) {
    throw new TypeError(`invalid storage key ${JSON.stringify(String(key).slice(0, 80))}`);
  }
}

/** The file path of `key` under `dir`; throws if the key is malformed or the path would leave `dir`. */
export function resolveKeyPath(dir: string, key: string): string {
  assertStorageKey(key);
  const resolved = path.resolve(dir, ...key.split('/'));
  const relative = path.relative(dir, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new TypeError('storage key resolves outside the storage root');
  }
  return resolved;
}
