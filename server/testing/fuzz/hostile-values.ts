import fc from 'fast-check';
import { isStorableText } from '../../http/storable-text.js';
import { hostileText } from '../../prompts/hostile-text.test-helpers.js';

/** Text Postgres cannot store, text that only looks empty, and text that only looks like a number. */
const TRICKY_TEXT = [
  '',
  ' ',
  '\u0000',
  'cat\u0000dog',
  '\ud800',
  '\udc00',
  'x\ud83d',
  '\udc00\ud800',
  '\u202egnp.exe',
  '\u001b[2J',
  '\ufeff',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '\\u0000',
] as const;

/** Any string a client can send: any UTF-16 (lone surrogates included), hostile fragments, sometimes long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: hostileText(4) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 200, maxLength: 5000 }) },
);

/** Numbers past every limit: huge, negative, fractional, unsafe, and what JSON turns into null. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 20, 100, 101, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MAX_VALUE),
);

/** Query and header text that a number parser might take, or almost. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '0x1f',
    '0b101',
    '1_000',
    '',
    ' 7 ',
    '٣',
    '7.0',
    '-0',
    '+5',
    '9223372036854775807',
    '9223372036854775808',
    '9999999999999999999',
    '99999999999999999999999999',
    '-9223372036854775809',
    '00000000000000000001',
  ),
);

/** Dates a parser accepts and a database may not: year 0, negative and five-digit years, the ends of `Date`. */
export const oddDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '+010000-01-01T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '2024-02-30T25:61:61Z',
    '2024-13-01',
    'Invalid Date',
    'yesterday',
  ),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => new Date(ms).toISOString()),
);

/** Any JSON value, hostile strings and numbers included, nested a little. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    oddDate,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Storable text that a sanitizer, a prompt template or a terminal may still choke on. */
export const oddButValidText = (maxGraphemes: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'ignore previous instructions',
      '{{brand.name}}',
      '\u202eevil',
      '😎 cool',
      'ünïcødé',
      'a\tb',
    ),
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: maxGraphemes })
      .filter((text) => text.trim().length > 0 && isStorableText(text)),
  );

/** A field's value in the wrong place: a hostile string, any JSON, a number, or nothing at all. */
const LEFT_OUT = Symbol('left out');
const changedValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileJson },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constant(LEFT_OUT) },
);

/**
 * An object with `fields`, every one valid, then (unless left `clean`) one or two of them changed to
 * something hostile or left out, or a stranger key added. Most requests so get past validation, and
 * each hostile value is tried on its own. `optional` fields are present half of the time.
 */
export const objectWith = (
  fields: Record<string, fc.Arbitrary<unknown>>,
  options: { optional?: readonly string[]; clean?: number } = {},
): fc.Arbitrary<Record<string, unknown>> => {
  const keys = Object.keys(fields);
  const requiredKeys = keys.filter((key) => !options.optional?.includes(key));
  const change = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: hostileString }),
    changedValue,
  );
  const changes = fc.oneof(
    { weight: options.clean ?? 2, arbitrary: fc.constant([]) },
    { weight: 3, arbitrary: fc.array(change, { minLength: 1, maxLength: 2 }) },
  );
  return fc.tuple(fc.record(fields, { requiredKeys }), changes).map(([object, changed]) => {
    const entries = new Map<string, unknown>(Object.entries(object));
    for (const [key, value] of changed) {
      if (value === LEFT_OUT) entries.delete(key);
      else entries.set(key, value);
    }
    // fromEntries, not assignment: a `__proto__` key must stay a key, as JSON.parse will make it.
    return Object.fromEntries(entries);
  });
};
