import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/** A stored token that does not decrypt with this key: the key changed, or the row was tampered with. */
export class TokenDecryptError extends Error {
  constructor(cause?: unknown) {
    super('a stored Twitch token does not decrypt with TWITCH_TOKEN_KEY', { cause });
    this.name = 'TokenDecryptError';
  }
}

/**
 * AES-256-GCM for the Twitch tokens kept in the database, as `v1.<iv>.<tag>.<ciphertext>` (base64url):
 * a fresh IV per value, and the tag makes a changed row fail to decrypt rather than decrypt wrong.
 */
export class TokenCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a token key must be 32 bytes');
    this.#key = key;
  }

  /** The cipher for `TWITCH_TOKEN_KEY`, or, without one (never in production), one derived from the dev secret. */
  static fromConfig(tokenKey: string | undefined, extensionSecret: string): TokenCipher {
    if (tokenKey) return new TokenCipher(Buffer.from(tokenKey, 'base64'));
    const derived = hkdfSync('sha256', Buffer.from(extensionSecret, 'base64'), '', 'twitch-token-key', 32);
    return new TokenCipher(Buffer.from(derived));
  }

  /** Encrypts `plain` under a fresh IV. */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Decrypts what `encrypt` made, or throws `TokenDecryptError`. */
  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new TokenDecryptError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (cause) {
      throw new TokenDecryptError(cause);
    }
  }
}
