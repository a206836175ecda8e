import { randomBytes } from 'node:crypto';
import type { AccessToken } from '@twurple/auth';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { twitchConnections } from '../db/schema.js';
import { TokenCipher } from './token-cipher.js';
import {
  deleteTwitchConnection,
  findTwitchConnection,
  listTwitchCredentials,
  markTwitchConnectionBroken,
  saveRefreshedToken,
  saveTwitchConnection,
} from './twitch-connection-store.js';

const cipher = new TokenCipher(randomBytes(32));
const token = (n: number): AccessToken => ({
  accessToken: `access-${n}-${randomBytes(8).toString('hex')}`,
  refreshToken: `refresh-${n}-${randomBytes(8).toString('hex')}`,
  scope: ['user:read:chat'],
  expiresIn: 14_400,
  obtainmentTimestamp: 1_800_000_000_000 + n,
});

describeEachDatabase('Twitch connection store', ({ db }) => {
  it('keeps tokens sealed and gives them back whole to the provider', async () => {
    const first = token(1);
    await saveTwitchConnection(db(), cipher, {
      channelId: '100',
      twitchUserId: '100',
      login: 'a',
      token: first,
    });
    expect(JSON.stringify(await db().select().from(twitchConnections))).not.toContain(first.accessToken);
    expect(await listTwitchCredentials(db(), cipher, '100')).toEqual([
      { channelId: '100', twitchUserId: '100', token: first },
    ]);
  });

  it('writes a refresh back, and a broken connection is neither listed nor refreshed until reconnected', async () => {
    await saveTwitchConnection(db(), cipher, {
      channelId: '200',
      twitchUserId: '200',
      login: 'b',
      token: token(2),
    });
    const refreshed = token(3);
    expect(await saveRefreshedToken(db(), cipher, '200', refreshed)).toBe(true);
    expect((await listTwitchCredentials(db(), cipher, '200'))[0]!.token).toEqual(refreshed);
    await markTwitchConnectionBroken(db(), '200', 'refresh refused');
    expect(await findTwitchConnection(db(), '200')).toMatchObject({
      status: 'broken',
      brokenReason: 'refresh refused',
    });
    expect(await listTwitchCredentials(db(), cipher, '200')).toEqual([]);
    expect(await saveRefreshedToken(db(), cipher, '200', token(4))).toBe(false);
    await saveTwitchConnection(db(), cipher, {
      channelId: '200',
      twitchUserId: '200',
      login: 'b',
      token: token(5),
    });
    expect(await findTwitchConnection(db(), '200')).toMatchObject({
      status: 'connected',
      brokenReason: null,
    });
  });

  it('moves an account to the channel it last connected, and forgets it with its token for revoking', async () => {
    const latest = token(7);
    await saveTwitchConnection(db(), cipher, {
      channelId: 'local',
      twitchUserId: '300',
      login: 'c',
      token: token(6),
    });
    await saveTwitchConnection(db(), cipher, {
      channelId: '300',
      twitchUserId: '300',
      login: 'c',
      token: latest,
    });
    expect(await findTwitchConnection(db(), 'local')).toBeNull();
    expect(await deleteTwitchConnection(db(), cipher, '300')).toMatchObject({
      accessToken: latest.accessToken,
    });
    expect(await findTwitchConnection(db(), '300')).toBeNull();
    expect(await deleteTwitchConnection(db(), cipher, '300')).toBeNull();
  });
});
