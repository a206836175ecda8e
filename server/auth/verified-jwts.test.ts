import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { UnauthorizedError } from '../errors/index.js';
import * as jwt from './extension-jwt.js';
import { VerifiedJwts } from './verified-jwts.js';

const SECRET = randomBytes(32).toString('base64');
const NOW = Date.UTC(2026, 0, 1);
const claims = (exp: number, user = 'U1'): jwt.ExtensionClaims => ({
  channel_id: '123',
  opaque_user_id: user,
  role: 'viewer',
  exp,
});
const tokenFor = (exp: number, user?: string) => jwt.signExtensionJwt(claims(exp, user), SECRET);

describe('VerifiedJwts', () => {
  it('verifies a token once and answers its claims from memory after', async () => {
    const verify = vi.spyOn(jwt, 'verifyExtensionJwt');
    try {
      const jwts = new VerifiedJwts(SECRET);
      const token = tokenFor(NOW / 1000 + 3600);
      const first = await jwts.verify(token, NOW);
      expect(await jwts.verify(token, NOW + 1000)).toEqual(first);
      expect(first).toMatchObject({ channel_id: '123', opaque_user_id: 'U1' });
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses a kept token once it has expired', async () => {
    const jwts = new VerifiedJwts(SECRET);
    const token = tokenFor(NOW / 1000 + 60);
    await jwts.verify(token, NOW);
    await expect(jwts.verify(token, NOW + 60_000)).rejects.toThrow(UnauthorizedError);
    await expect(jwts.verify(token, NOW + 60_000)).rejects.toThrow(/expired/);
  });

  it('never keeps a token that failed, nor lets a changed byte through', async () => {
    const jwts = new VerifiedJwts(SECRET);
    const token = tokenFor(NOW / 1000 + 3600);
    await jwts.verify(token, NOW);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`;
    await expect(jwts.verify(forged, NOW)).rejects.toThrow(UnauthorizedError);
    await expect(jwts.verify(forged, NOW)).rejects.toThrow(UnauthorizedError);
    expect(jwts.size).toBe(1);
    // Another secret's cache knows nothing of this one's tokens.
    await expect(new VerifiedJwts(randomBytes(32).toString('base64')).verify(token, NOW)).rejects.toThrow(
      /signature/,
    );
  });

  it('keeps at most 10,000 tokens, dropping the oldest first', async () => {
    const jwts = new VerifiedJwts(SECRET);
    const first = tokenFor(NOW / 1000 + 3600, 'U0');
    await jwts.verify(first, NOW);
    for (let i = 1; i <= 10_000; i++) await jwts.verify(tokenFor(NOW / 1000 + 3600, `U${i}`), NOW);
    expect(jwts.size).toBe(10_000);
    const verify = vi.spyOn(jwt, 'verifyExtensionJwt');
    try {
      await jwts.verify(first, NOW);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });
});
