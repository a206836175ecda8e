import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.js';
import { CursorCodec, cursorCodecFor } from './cursor-codec.js';

const positionArb = fc.record({
  createdAt: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  id: fc.uuid(),
});

describe('page cursors', () => {
  const codec = new CursorCodec(randomBytes(32));

  it('decodes what it encodes, as an opaque URL-safe token', () => {
    fc.assert(
      fc.property(positionArb, (position) => {
        const cursor = codec.encode(position);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(codec.decode(cursor)).toEqual(position);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses, with InvalidInputError naming the cursor, any cursor it did not sign', () => {
    const issued = codec.encode({ createdAt: new Date('2026-01-01T00:00:00Z'), id: 'a' });
    const [body] = issued.split('.');
    const unsigned = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      '',
      'not a cursor!',
      body!,
      `${body}.`,
      `${body}.AAAAAAAAAAAAAAAAAAAAAA`,
      `${unsigned(['+275760-09-13T00:00:00.000Z', 'x'])}.${issued.split('.')[1]}`,
      new CursorCodec(randomBytes(32)).encode({ createdAt: new Date(), id: 'x' }),
      `${issued}.extra`,
    ];
    for (const cursor of forged) {
      expect(() => codec.decode(cursor), cursor).toThrow(InvalidInputError);
      try {
        codec.decode(cursor);
      } catch (error) {
        expect((error as InvalidInputError).details).toEqual([expect.objectContaining({ path: 'cursor' })]);
      }
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => codec.decode(text)).toThrow(InvalidInputError);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every process that shares a secret the same cursors', () => {
    const secret = randomBytes(32).toString('base64');
    const position = { createdAt: new Date('2026-05-05T05:05:05.005Z'), id: 'shared' };
    expect(cursorCodecFor(secret).decode(cursorCodecFor(secret).encode(position))).toEqual(position);
    expect(() =>
      cursorCodecFor(randomBytes(32).toString('base64')).decode(cursorCodecFor(secret).encode(position)),
    ).toThrow(InvalidInputError);
  });
});
