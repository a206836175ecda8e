import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.js';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';

const positionArb = fc.record({
  createdAt: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  id: fc.uuid(),
});

describe('cursor', () => {
  it('decodes what it encodes, as an opaque base64url token', () => {
    fc.assert(
      fc.property(positionArb, (position) => {
        const cursor = encodeCursor(position);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor)).toEqual(position);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses anything it did not make with InvalidInputError', () => {
    const forged = [
      '',
      'not a cursor!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["yesterday","x"]').toString('base64url'),
      Buffer.from('["2024-01-01T00:00:00.000Z",""]').toString('base64url'),
      Buffer.from('["2024-01-01T00:00:00.000Z",7]').toString('base64url'),
      'x'.repeat(401),
    ];
    for (const cursor of forged) expect(() => decodeCursor(cursor), cursor).toThrow(InvalidInputError);
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          decodeCursor(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('takes page sizes from 1 to 100 and defaults to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, 101, 2.5, -1, Number.NaN]) expect(() => pageSize(bad)).toThrow(InvalidInputError);
  });
});
