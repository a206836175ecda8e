import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../errors/index.js';
import { type ExtensionClaims, signExtensionJwt, toCaller, verifyExtensionJwt } from './extension-jwt.js';

const SECRET = randomBytes(32).toString('base64');
const NOW = Date.UTC(2025, 0, 1);
const EXP = NOW / 1000 + 3600;

const broadcaster: ExtensionClaims = {
  channel_id: '12345',
  opaque_user_id: 'U12345',
  user_id: '12345',
  role: 'broadcaster',
  exp: EXP,
};

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token built by hand, the way jose and Twitch's own libraries lay it out. */
function manualToken(header: object, payload: object, secret = SECRET, algorithm = 'sha256'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = createHmac(algorithm, Buffer.from(secret, 'base64')).update(input).digest('base64url');
  return `${input}.${signature}`;
}

async function cryptoKey(usage: 'sign' | 'verify') {
  const raw = Buffer.from(SECRET, 'base64');
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

async function expectUnauthorized(token: string, secret = SECRET, now = NOW) {
  const error = await verifyExtensionJwt(token, secret, now).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnauthorizedError);
  const { code, status, message } = error as UnauthorizedError;
  expect({ code, status }).toEqual({ code: 'UNAUTHORIZED', status: 401 });
  if (token.length >= 8) expect(message).not.toContain(token.slice(0, 20));
  expect(message).not.toContain(secret);
}

describe('verifyExtensionJwt', () => {
  it('returns the claims of a valid broadcaster token', async () => {
    expect(await verifyExtensionJwt(signExtensionJwt(broadcaster, SECRET), SECRET, NOW)).toEqual(broadcaster);
  });

  it('accepts a token signed by hand with node:crypto (jose-style header order)', async () => {
    const token = manualToken(
      { typ: 'JWT', alg: 'HS256' },
      { ...broadcaster, pubsub_perms: { send: ['*'] } },
    );
    expect(await verifyExtensionJwt(token, SECRET, NOW)).toEqual(broadcaster);
  });

  it('accepts a token signed by hono/jwt, and hono/jwt accepts ours', async () => {
    const fromHono = await honoSign({ ...broadcaster }, await cryptoKey('sign'), 'HS256');
    expect(await verifyExtensionJwt(fromHono, SECRET, NOW)).toEqual(broadcaster);
    const live = { ...broadcaster, exp: Math.floor(Date.now() / 1000) + 60 };
    const ours = signExtensionJwt(live, SECRET);
    expect(await honoVerify(ours, await cryptoKey('verify'), 'HS256')).toMatchObject(live);
  });

  it('refuses an expired token, including one expiring this very second', async () => {
    const token = signExtensionJwt(broadcaster, SECRET);
    await expectUnauthorized(token, SECRET, EXP * 1000 + 1);
    await expectUnauthorized(token, SECRET, EXP * 1000);
    await expect(verifyExtensionJwt(token, SECRET, EXP * 1000 - 1)).resolves.toEqual(broadcaster);
  });

  it('refuses a token made with another secret', async () => {
    await expectUnauthorized(signExtensionJwt(broadcaster, randomBytes(32).toString('base64')));
  });

  it('refuses alg none, with or without a signature', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(broadcaster)}`;
    await expectUnauthorized(`${unsigned}.`);
    await expectUnauthorized(unsigned);
    await expectUnauthorized(manualToken({ alg: 'none', typ: 'JWT' }, broadcaster));
  });

  it('refuses other algorithms even when correctly signed', async () => {
    await expectUnauthorized(manualToken({ alg: 'HS512', typ: 'JWT' }, broadcaster, SECRET, 'sha512'));
    await expectUnauthorized(manualToken({ alg: 'hs256', typ: 'JWT' }, broadcaster));
    await expectUnauthorized(manualToken({ alg: 'HS256', typ: 'JWT', crit: ['b64'] }, broadcaster));
  });

  it.each([
    ['channel_id', { channel_id: undefined }],
    ['channel_id (empty)', { channel_id: '' }],
    ['channel_id (unsafe)', { channel_id: '../1' }],
    ['exp', { exp: undefined }],
    ['exp (string)', { exp: String(EXP) }],
    ['opaque_user_id', { opaque_user_id: undefined }],
    ['role', { role: 'admin' }],
  ])('refuses a token with a missing or bad %s', async (_, change) => {
    await expectUnauthorized(manualToken({ alg: 'HS256', typ: 'JWT' }, { ...broadcaster, ...change }));
  });

  it('refuses a token that is not valid yet', async () => {
    await expectUnauthorized(manualToken({ alg: 'HS256' }, { ...broadcaster, nbf: NOW / 1000 + 60 }));
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'Bearer x.y.z', `${'a'.repeat(9000)}.b.c`])(
    'refuses garbage %#',
    async (token) => {
      await expectUnauthorized(token);
    },
  );

  it('round-trips any claims, and refuses any one-character change', async () => {
    const claims = fc.record({
      channel_id: fc.stringMatching(/^[0-9]{1,12}$/),
      opaque_user_id: fc.stringMatching(/^[UA][A-Za-z0-9]{1,20}$/),
      user_id: fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
      role: fc.constantFrom('broadcaster', 'moderator', 'viewer', 'external' as const),
      exp: fc.integer({ min: EXP, max: EXP + 10 ** 7 }),
    });
    await fc.assert(
      fc.asyncProperty(claims, fc.nat(), fc.constantFrom('A', 'x', '_', '.', '-'), async (c, at, char) => {
        const input = c.user_id === undefined ? { ...c, user_id: undefined } : c;
        const token = signExtensionJwt(input, SECRET);
        const verified = await verifyExtensionJwt(token, SECRET, NOW);
        expect(verified).toEqual(JSON.parse(JSON.stringify(input)));
        const i = at % token.length;
        fc.pre(token[i] !== char);
        const tampered = token.slice(0, i) + char + token.slice(i + 1);
        await expect(verifyExtensionJwt(tampered, SECRET, NOW)).rejects.toBeInstanceOf(UnauthorizedError);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses to work with an empty or non-base64 secret', async () => {
    const token = signExtensionJwt(broadcaster, SECRET);
    await expect(verifyExtensionJwt(token, '', NOW)).rejects.toThrow(TypeError);
    await expect(verifyExtensionJwt(token, 'not base64!', NOW)).rejects.toThrow(TypeError);
    expect(() => signExtensionJwt(broadcaster, Buffer.from('short').toString('base64'))).toThrow(TypeError);
  });
});

describe('toCaller', () => {
  it('maps a broadcaster with a shared user id', () => {
    expect(toCaller(broadcaster)).toEqual({
      channelId: '12345',
      role: 'broadcaster',
      userId: '12345',
      principal: 'twitch:U12345',
      via: 'extension_jwt',
    });
  });

  it('gives external callers viewer rights and falls back to the opaque id', () => {
    const external: ExtensionClaims = { channel_id: '9', opaque_user_id: 'A7', role: 'external', exp: EXP };
    expect(toCaller(external)).toEqual({
      channelId: '9',
      role: 'viewer',
      userId: 'A7',
      principal: 'twitch:A7',
      via: 'extension_jwt',
    });
  });
});
