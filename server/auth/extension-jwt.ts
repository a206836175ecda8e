import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnauthorizedError } from '../errors/index.js';
import type { Caller } from './caller.js';
import { decodeExtensionSecret } from './extension-secret.js';

/** The claims of a Twitch extension JWT that we use (wire shape, snake_case). */
export const extensionClaimsSchema = z.object({
  // Numeric on Twitch, `local` in local mode; kept to safe characters since it scopes everything.
  channel_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  opaque_user_id: z.string().min(1).max(128),
  user_id: z.string().min(1).max(64).optional(),
  role: z.enum(['broadcaster', 'moderator', 'viewer', 'external']),
  exp: z.number().int().positive(),
  nbf: z.number().optional(),
});

/** A verified extension JWT's claims. */
export type ExtensionClaims = z.infer<typeof extensionClaimsSchema>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const PART = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 8192;

function hmac(key: Buffer, signingInput: string): string {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isHs256Header(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  // `alg` is pinned: `none`, HS512, RS256 (key confusion) are all refused before any crypto runs.
  return header.alg === 'HS256' && (header.typ === undefined || header.typ === 'JWT') && !('crit' in header);
}

/** Signs claims as an HS256 extension JWT, as Twitch does; for local mode and tests. */
export function signExtensionJwt(claims: ExtensionClaims, secretBase64: string): string {
  const key = decodeExtensionSecret(secretBase64);
  const payload = Buffer.from(JSON.stringify(extensionClaimsSchema.parse(claims))).toString('base64url');
  return `${HEADER}.${payload}.${hmac(key, `${HEADER}.${payload}`)}`;
}

/**
 * Verifies a Twitch extension JWT (HS256, key = base64-decoded secret, `exp` required) and returns
 * its claims. `nowMs` is the clock in milliseconds. Throws `UnauthorizedError` on any failure.
 */
export async function verifyExtensionJwt(
  token: string,
  secretBase64: string,
  nowMs: number = Date.now(),
): Promise<ExtensionClaims> {
  const key = decodeExtensionSecret(secretBase64);
  const parts = typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature || !parts.every((p) => PART.test(p))) {
    throw new UnauthorizedError('the extension token is malformed');
  }
  if (!isHs256Header(parseJson(header))) {
    throw new UnauthorizedError('the extension token must be signed with HS256');
  }
  const expected = Buffer.from(hmac(key, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new UnauthorizedError('the extension token signature is not valid');
  }
  const claims = extensionClaimsSchema.safeParse(parseJson(payload));
  if (!claims.success) throw new UnauthorizedError('the extension token lacks required claims');
  const nowSeconds = nowMs / 1000;
  if (claims.data.exp <= nowSeconds) throw new UnauthorizedError('the extension token has expired');
  if (claims.data.nbf !== undefined && claims.data.nbf > nowSeconds) {
    throw new UnauthorizedError('the extension token is not valid yet');
  }
  return claims.data;
}

/** The caller an extension JWT stands for; Twitch's `external` role gets viewer rights. */
export function toCaller(claims: ExtensionClaims): Caller {
  return {
    channelId: claims.channel_id,
    role: claims.role === 'external' ? 'viewer' : claims.role,
    userId: claims.user_id ?? claims.opaque_user_id,
    principal: `twitch:${claims.opaque_user_id}`,
    via: 'extension_jwt',
  };
}
