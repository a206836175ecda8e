import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSecret, localBroadcasterToken } from './dev-secret.js';
import { toCaller, verifyExtensionJwt } from './extension-jwt.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'studio-secret-')), 'data');
});

afterEach(async () => {
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

describe('loadOrCreateDevSecret', () => {
  it('creates a 32-byte secret once, readable only by its owner, and reuses it', async () => {
    const first = await loadOrCreateDevSecret(dataDir);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect((await stat(path.join(dataDir, 'dev-secret'))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDevSecret(dataDir)).toBe(first);
    expect((await readFile(path.join(dataDir, 'dev-secret'), 'utf8')).trim()).toBe(first);
    expect(await readdir(dataDir)).toEqual(['dev-secret']);
  });

  it('gives every concurrent starter the same secret', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevSecret(dataDir)));
    expect(new Set(secrets).size).toBe(1);
    expect(await readdir(dataDir)).toEqual(['dev-secret']);
  });

  it('tightens the mode of an existing secret file', async () => {
    const secret = await loadOrCreateDevSecret(dataDir);
    await chmod(path.join(dataDir, 'dev-secret'), 0o644);
    expect(await loadOrCreateDevSecret(dataDir)).toBe(secret);
    expect((await stat(path.join(dataDir, 'dev-secret'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged secret file instead of silently replacing it', async () => {
    await loadOrCreateDevSecret(dataDir);
    await writeFile(path.join(dataDir, 'dev-secret'), 'not a secret');
    await expect(loadOrCreateDevSecret(dataDir)).rejects.toThrow(/not a usable dev secret/);
  });
});

describe('localBroadcasterToken', () => {
  it('signs a 30-day broadcaster token for the local channel', async () => {
    const secret = await loadOrCreateDevSecret(dataDir);
    const now = Date.UTC(2025, 0, 1);
    const claims = await verifyExtensionJwt(
      localBroadcasterToken(secret, undefined, undefined, now),
      secret,
      now,
    );
    expect(claims.exp).toBe(now / 1000 + 30 * 86_400);
    expect(toCaller(claims)).toEqual({
      channelId: 'local',
      role: 'broadcaster',
      userId: 'local',
      principal: 'twitch:Ulocal',
      via: 'extension_jwt',
    });
    await expect(
      verifyExtensionJwt(localBroadcasterToken(secret, 'local', 30, now), secret, now + 31 * 86_400_000),
    ).rejects.toThrow('expired');
  });
});
