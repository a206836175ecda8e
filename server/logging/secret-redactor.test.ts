import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createSecretRedactor, REDACTED } from './secret-redactor.js';

/** Every string a parsed log line holds, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** Any code point, and often one a JSON line must escape. */
const unit = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u001b', '\u2028', 'n', 'u'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** Text around a secret may also hold lone surrogates; a secret cannot, as environment values are UTF-8. */
const anyUnit = fc.oneof(unit, fc.constantFrom('\ud800', '\udfff'));

describe('createSecretRedactor', () => {
  it('replaces a short secret only where it is a whole string, never inside other text', () => {
    const redact = createSecretRedactor(['abc12']);
    expect(redact('{"a":"abc12","msg":"abc12def and xabc12"}')).toBe(
      `{"a":"${REDACTED}","msg":"abc12def and xabc12"}`,
    );
  });

  it('also replaces the bytes a base64 key decodes to, as hex, base64url and a JSON byte list', () => {
    const bytes = randomBytes(32);
    const lines: string[] = [];
    const logger = createLogger('info', {
      secrets: [bytes.toString('base64')],
      destination: { write: (line: string) => lines.push(line) },
    });
    logger.info({ hex: bytes.toString('hex'), url: bytes.toString('base64url') }, 'decoded');
    expect(JSON.parse(lines[0]!)).toMatchObject({ hex: REDACTED, url: REDACTED });
    // How JSON writes a Buffer (pino's field redaction cannot log one yet, so the line is built here).
    const redact = createSecretRedactor([bytes.toString('base64')]);
    expect(redact(JSON.stringify({ key: bytes }))).toBe(`{"key":{"type":"Buffer","data":[${REDACTED}]}}`);
  });

  it('finds a URL-encoded secret', () => {
    const redact = createSecretRedactor(['a+b/c=d&e?f']);
    expect(redact('{"url":"https://x.test/?key=a%2Bb%2Fc%3Dd%26e%3Ff"}')).toBe(
      `{"url":"https://x.test/?key=${REDACTED}"}`,
    );
  });

  it('never starts a match inside an escape, so the line stays JSON', () => {
    // "nabcdefgh" is not in the text: the "n" belongs to the escape "\n".
    const redact = createSecretRedactor(['nabcdefgh']);
    const line = JSON.stringify({ msg: 'x\nabcdefgh' });
    expect(redact(line)).toBe(line);
  });

  it('leaves every string of a logged line free of any secret, and the line valid JSON', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40, unit }),
        fc.string({ unit: anyUnit }),
        fc.string({ unit: anyUnit }),
        (secret, before, after) => {
          // A secret with a bracket, or "redacted" itself, could be rebuilt from the marker and the text around it.
          fc.pre(!/[[\]]/.test(secret) && secret !== 'redacted');
          const lines: string[] = [];
          const logger = createLogger('info', {
            secrets: [secret],
            destination: { write: (l) => lines.push(l) },
          });
          const text = `${before}${secret}${after}`;
          logger.child({ bound: text }).warn({ field: text, nested: [{ text }], err: new Error(text) }, text);
          expect(lines).toHaveLength(1);
          for (const value of strings(JSON.parse(lines[0]!))) expect(value).not.toContain(secret);
        },
      ),
      { numRuns: 200 },
    );
  });
});
