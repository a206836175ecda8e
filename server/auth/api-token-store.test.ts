import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { apiTokens } from '../db/schema.js';
import {
  createApiToken,
  hashApiToken,
  LAST_USED_RESOLUTION_MS,
  listApiTokens,
  revokeApiToken,
  verifyApiToken,
} from './api-token-store.js';

describeEachDatabase('api token store', ({ db }) => {
  it('makes a token that verifies as the channel and role it was made for', async () => {
    const { token, record } = await createApiToken(db(), 'chan', { name: 'overlay', role: 'viewer' });
    expect(token).toMatch(/^sst_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ channelId: 'chan', name: 'overlay', role: 'viewer', lastUsedAt: null });
    expect(await verifyApiToken(db(), token)).toEqual({
      channelId: 'chan',
      role: 'viewer',
      userId: null,
      principal: `token:${record.id}`,
      via: 'api_token',
    });
    const [listed] = await listApiTokens(db(), 'chan');
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('records use to the minute, so a busy token is not a write per request', async () => {
    const { token } = await createApiToken(db(), 'chan-used', { name: 'overlay', role: 'viewer' });
    const lastUsed = async () => (await listApiTokens(db(), 'chan-used'))[0]?.lastUsedAt?.getTime();
    const t0 = new Date('2026-01-01T00:00:00.000Z');
    await verifyApiToken(db(), token, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await verifyApiToken(db(), token, new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await verifyApiToken(db(), token, later);
    expect(await lastUsed()).toBe(later.getTime());
  });

  it('stores only the hash of a token', async () => {
    const { token } = await createApiToken(db(), 'chan', { name: 'script', role: 'broadcaster' });
    const rows = await db().select().from(apiTokens);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows.map((row) => row.tokenHash)).toContain(hashApiToken(token));
  });

  it('refuses unknown, altered and revoked tokens', async () => {
    const { token, record } = await createApiToken(db(), 'chan2', { name: 'bot', role: 'broadcaster' });
    expect(await verifyApiToken(db(), 'sst_nope')).toBeNull();
    expect(await verifyApiToken(db(), `${token}x`)).toBeNull();
    expect(await verifyApiToken(db(), token.slice(4))).toBeNull();

    expect(await revokeApiToken(db(), 'other', record.id)).toBeNull();
    expect(await verifyApiToken(db(), token)).not.toBeNull();
    const revoked = await revokeApiToken(db(), 'chan2', record.id);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiToken(db(), token)).toBeNull();
    expect(await revokeApiToken(db(), 'chan2', record.id)).toEqual(revoked);
    expect(await listApiTokens(db(), 'chan2')).toEqual([expect.objectContaining({ id: record.id })]);
  });
});
