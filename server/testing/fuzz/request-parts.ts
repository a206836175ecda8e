import fc from 'fast-check';
import type { FuzzBody } from './fuzz-request.js';
import { hostileJson, hostileString, numberText } from './hostile-values.js';

/** Every method a route may be sent, the ones it does not take included. */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PURGE'] as const;

/** The route's own methods mostly, any other sometimes. */
export const methodOf = (...own: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
  );

const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `encodeURIComponent`, which throws on an unpaired surrogate; those travel as raw escapes instead. */
export const encode = (text: string): string => encodeURIComponent(text.replace(UNPAIRED, '\ufffd'));

/** Percent-escapes that decode to nothing valid (or to NUL, a surrogate half, a slash), and dot segments. */
const RAW_ESCAPES = [
  '%',
  '%0',
  '%00',
  '%zz',
  '%ED%A0%80',
  '%ED%B0%80',
  '%C0%AF',
  '%FF',
  '%2e%2e',
  '%2F',
  '..',
  '.',
];

/** A path segment or query part: usually `text` encoded, sometimes broken escapes or raw URL syntax. */
export const urlPart = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: text.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ab1./%?#;&=+ '), maxLength: 8 }) },
  );

/** A query string from the route's own parameters (with their own values) and strangers. */
export const queryOf = (known: Readonly<Record<string, fc.Arbitrary<string>>>): fc.Arbitrary<string> => {
  const names = Object.keys(known);
  const stranger = fc.tuple(hostileString, fc.oneof(hostileString, numberText));
  const pair =
    names.length === 0
      ? stranger
      : fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), known[name]!)),
          },
          { weight: 1, arbitrary: stranger },
        );
  const part = pair
    .chain(([name, value]) => fc.tuple(urlPart(fc.constant(name)), urlPart(fc.constant(value))))
    .map(([name, value]) => `${name}=${value}`);
  const query = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => `?${parts.join('&')}`);
  // A route without parameters is mostly sent none; one with parameters mostly some.
  return fc.oneof(
    { weight: names.length === 0 ? 4 : 1, arbitrary: fc.constant('') },
    { weight: names.length === 0 ? 1 : 4, arbitrary: query },
  );
};

/** Header values a client can send (Latin-1, no CR, LF or NUL, which fetch itself refuses). */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc
        .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
        .map((code) => String.fromCharCode(code)),
      maxLength: 40,
    }),
  },
  // Digits of other scripts (`٣`) cannot travel in a header; fetch refuses them before we send.
  { weight: 2, arbitrary: numberText.map((text) => text.replace(/[^\x20-\xff]/g, '?')) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary-ascii', minLength: 300, maxLength: 3000 })
      .map((text) => text.replace(/[^\x20-\x7e]/g, 'x')),
  },
);

/** What a body claims to be: mostly JSON, sometimes a lie or nothing. */
export const contentTypeOf = (...own: string[]): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...own) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        undefined,
        'application/json; charset=utf-16',
        'application/json;charset=latin1',
        'APPLICATION/JSON',
        'application/jsonx',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'text/plain',
        'image/png',
        'image/svg+xml',
        '',
      ),
    },
    { weight: 1, arbitrary: headerText },
  );

/** Text that is not JSON, or JSON only just (a BOM, a prototype key, numbers past a double). */
const NOT_JSON = [
  '',
  '{',
  '{"a":',
  "{'a':1}",
  'nul',
  '\ufeff{}',
  '{"a":1}}',
  '[1,]',
  'NaN',
  '1e999',
  '"\\ud800"',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\u0000"}',
  '{"a":1,"a":2}',
] as const;

/** A body: the route's own shape mostly; otherwise the wrong shape, not JSON, bytes, very deep or very large. */
export const bodyOf = (shape: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzBody> =>
  fc.oneof(
    { weight: 24, arbitrary: shape.map((json) => ({ json })) },
    { weight: 2, arbitrary: hostileJson.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...NOT_JSON), hostileString).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes })) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          nested: fc.integer({ min: 1, max: 100_000 }),
          kind: fc.constantFrom('array' as const, 'object' as const),
          field: fc.constantFrom('prompt', 'name', 'fonts', 'visibility', 'allowModeratorGenerate'),
        },
        { requiredKeys: ['nested', 'kind'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          // Short pieces, many times: a few megabytes at most, either side of the body limit.
          repeat: fc.oneof(
            fc.constantFrom('a', 'bold', '\u0000', '\ud800'),
            fc.string({ unit: 'binary', maxLength: 8 }),
          ),
          times: fc.integer({ min: 1, max: 300_000 }),
          as: fc.constantFrom('array' as const, 'string' as const),
          field: fc.constantFrom('prompt', 'name', 'fonts', 'styleWords', 'tone'),
        },
        { requiredKeys: ['repeat', 'times', 'as'] },
      ),
    },
  );
