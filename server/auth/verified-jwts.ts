import { type ExtensionClaims, verifyExtensionJwt } from './extension-jwt.js';

/** Tokens kept: every viewer of a busy channel polling at once, at a few hundred bytes each. */
const MAX_TOKENS = 10_000;

/**
 * Extension JWTs already verified, until they expire. The panel sends the same token with every
 * poll for as long as Twitch keeps it (about an hour), and verifying it again each time (an HMAC,
 * two base64 decodes, two JSON parses and a schema) was the most expensive step of a status
 * poll answered from memory. Keyed by the whole token, so only the exact bytes that verified are
 * let through; a token that failed is never kept. Bounded: the oldest kept token goes first.
 */
export class VerifiedJwts {
  readonly #secret: string;
  readonly #kept = new Map<string, ExtensionClaims>();

  constructor(secretBase64: string) {
    this.#secret = secretBase64;
  }

  /** The claims of a token verified before and not expired at `nowMs`; never verifies anything. */
  peek(token: string, nowMs: number = Date.now()): ExtensionClaims | undefined {
    const kept = this.#kept.get(token);
    return kept && kept.exp > nowMs / 1000 ? kept : undefined;
  }

  /** The token's claims, verified now or before; throws `UnauthorizedError` as `verifyExtensionJwt` does. */
  async verify(token: string, nowMs: number = Date.now()): Promise<ExtensionClaims> {
    const kept = this.peek(token, nowMs);
    if (kept) return kept;
    this.#kept.delete(token);
    const claims = await verifyExtensionJwt(token, this.#secret, nowMs);
    if (this.#kept.size >= MAX_TOKENS) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(token, claims);
    return claims;
  }

  get size(): number {
    return this.#kept.size;
  }
}
