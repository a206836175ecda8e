import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher, TokenDecryptError } from './token-cipher.js';

const cipher = new TokenCipher(randomBytes(32));

describe('TokenCipher', () => {
  it('gives back what it sealed, and never the token in the clear', () => {
    const sealed = cipher.encrypt('access-token-123');
    expect(sealed).not.toContain('access-token-123');
    expect(cipher.decrypt(sealed)).toBe('access-token-123');
  });

  it('seals the same token differently each time (a fresh IV)', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('refuses a value sealed under another key', () => {
    const other = new TokenCipher(randomBytes(32));
    expect(() => cipher.decrypt(other.encrypt('x'))).toThrow(TokenDecryptError);
  });

  it('refuses a tampered value rather than decrypting it wrong', () => {
    const [v, iv, tag, body] = cipher.encrypt('access-token').split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(
      TokenDecryptError,
    );
  });

  it('derives the same key from the same dev secret when no key is configured', () => {
    const secret = randomBytes(32).toString('base64');
    const sealed = TokenCipher.fromConfig(undefined, secret).encrypt('t');
    expect(TokenCipher.fromConfig(undefined, secret).decrypt(sealed)).toBe('t');
    const key = randomBytes(32).toString('base64');
    expect(() => TokenCipher.fromConfig(key, secret).decrypt(sealed)).toThrow(TokenDecryptError);
  });
});
