import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorageKey, MAX_STORAGE_KEY_LENGTH, resolveKeyPath } from './storage-key.js';

const DIR = path.resolve('/srv/data/assets/public');
const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}(\.[A-Za-z0-9]{1,4})?$/);

describe('storage keys', () => {
  it('accepts the keys the server makes', () => {
    expect(isStorageKey('123456/0f8e2c/112x112.png')).toBe(true);
    expect(isStorageKey('local/asset_1/emote-28.webp')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['parent', '../x'],
    ['nested parent', 'a/../../x'],
    ['absolute', '/abs'],
    ['double slash', 'a//b'],
    ['trailing slash', 'a/'],
    ['dot segment', 'a/./b'],
    ['dot-file (temp files)', 'a/.b.png.tmp'],
    ['backslash', 'a\\..\\b'],
    ['percent', 'a%2Fb'],
    ['NUL', 'a\u0000.png'],
    ['too long', 'a'.repeat(MAX_STORAGE_KEY_LENGTH + 1)],
  ])('refuses a key with %s', (_, key) => {
    expect(isStorageKey(key)).toBe(false);
    expect(() => resolveKeyPath(DIR, key)).toThrow(TypeError);
  });

  it('accepts every key built from well-formed segments', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const key = segments.join('/');
        expect(isStorageKey(key)).toBe(true);
        expect(resolveKeyPath(DIR, key)).toBe(path.join(DIR, ...segments));
      }),
      { numRuns: 200 },
    );
  });

  it('never resolves an accepted key outside its directory', () => {
    const pieces = fc.constantFrom('a', 'b.png', '..', '.', '/', '//', '\\', '%2e', 'x.', '.y', '-', '_');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
        ),
        (key) => {
          if (!isStorageKey(key)) return;
          const resolved = path.resolve(DIR, key);
          expect(resolved.startsWith(`${DIR}${path.sep}`)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
