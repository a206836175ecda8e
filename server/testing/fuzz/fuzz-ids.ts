import fc from 'fast-check';
import type { IdPool } from './fuzz-world.js';
import { hostileJson, hostileString, numberText, oddDate } from './hostile-values.js';

const SAMPLE = '3b241101-e2bb-4255-8caf-4136c566a962';

/** Strings that look like ids, or nearly. */
const notAnId = fc.oneof(
  hostileString,
  numberText,
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    `{${SAMPLE}}`,
    SAMPLE.replaceAll('-', ''),
    `${SAMPLE}\u0000`,
    ` ${SAMPLE}`,
    `${SAMPLE}x`,
    `urn:uuid:${SAMPLE}`,
    SAMPLE.slice(0, 35),
  ),
);

/** An id: one of the channel's, another channel's, a random uuid, or something that is no uuid at all. */
export const idOf = (pool: IdPool): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pool.own) },
    { weight: 2, arbitrary: fc.constantFrom(...pool.other) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...pool.own).map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: notAnId },
  );

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const fakeMac = fc
  .uint8Array({ minLength: 0, maxLength: 20 })
  .map((bytes) => Buffer.from(bytes).toString('base64url'));

/** A page cursor: a real one, cut or altered, or one made up (base64 JSON with odd dates, garbage). */
export const cursorOf = (real: readonly string[], ids: IdPool): fc.Arbitrary<string> => {
  const issued = fc.constantFrom(...real);
  return fc.oneof(
    { weight: 2, arbitrary: issued },
    { weight: 2, arbitrary: issued.chain((c) => fc.nat({ max: c.length }).map((n) => c.slice(0, n))) },
    {
      weight: 2,
      arbitrary: issued.chain((c) =>
        fc
          .tuple(fc.nat({ max: c.length - 1 }), fc.constantFrom(...'A_-.=+/0z%'))
          .map(([at, char]) => c.slice(0, at) + char + c.slice(at + 1)),
      ),
    },
    { weight: 1, arbitrary: issued.map((c) => `${c}.x`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(oddDate, fc.oneof(idOf(ids), hostileString), fc.option(fakeMac))
        .map(([date, id, mac]) => base64url(JSON.stringify([date, id])) + (mac === null ? '' : `.${mac}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hostileJson, fakeMac)
        .map(([value, mac]) => `${base64url(JSON.stringify(value) ?? '')}.${mac}`),
    },
    { weight: 2, arbitrary: fc.oneof(hostileString, numberText, oddDate) },
  );
};
