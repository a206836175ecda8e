import type { MiddlewareHandler } from 'hono';
import { verifyApiToken } from '../auth/api-token-store.js';
import { toCaller } from '../auth/extension-jwt.js';
import type { VerifiedJwts } from '../auth/verified-jwts.js';
import type { Database } from '../db/open-database.js';
import { UnauthorizedError } from '../errors/index.js';
import type { AppEnv } from './app-env.js';

export interface AuthenticateOptions {
  readonly database: Database;
  /** Extension JWTs verified before; shared with the hot path (see `AppDeps.jwts`). */
  readonly jwts: VerifiedJwts;
  /** Where `?token=` is accepted too: EventSource cannot send headers. */
  readonly allowQueryToken?: (path: string) => boolean;
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Resolves the caller from `Authorization: Bearer …`: a per-channel API token (`sst_…`) or a
 * Twitch extension JWT. Every route after it can rely on `c.get('caller')`.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<AppEnv> {
  const { jwts } = options;
  return async function authenticate(c, next) {
    const token =
      bearer(c.req.header('authorization')) ??
      (options.allowQueryToken?.(c.req.path) ? c.req.query('token') : undefined);
    if (!token) throw new UnauthorizedError('send Authorization: Bearer <Twitch extension JWT or API token>');
    const caller = token.startsWith('sst_')
      ? await verifyApiToken(options.database.db, token)
      : toCaller(await jwts.verify(token));
    if (!caller) throw new UnauthorizedError('this API token is unknown or revoked');
    c.set('caller', caller);
    await next();
  };
}
