import type { AccessToken } from '@twurple/auth';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { twitchConnections } from '../db/schema.js';
import type { TwitchConnectionStatus } from '../vocabulary/index.js';
import type { TokenCipher } from './token-cipher.js';

/** A channel's Twitch connection as the API shows it: never its tokens. */
export interface TwitchConnectionRecord {
  readonly channelId: string;
  readonly twitchUserId: string;
  readonly login: string;
  readonly scopes: readonly string[];
  readonly status: TwitchConnectionStatus;
  readonly brokenReason: string | null;
  readonly connectedAt: Date;
  readonly updatedAt: Date;
}

/** A connected account with its tokens decrypted, for the auth provider. */
export interface TwitchCredentials {
  readonly channelId: string;
  readonly twitchUserId: string;
  readonly token: AccessToken;
}

/** The Twitch account that signed in for a channel, and the token it got. */
export interface NewTwitchConnection {
  readonly channelId: string;
  readonly twitchUserId: string;
  readonly login: string;
  readonly token: AccessToken;
}

type Row = typeof twitchConnections.$inferSelect;

const toRecord = (row: Row): TwitchConnectionRecord => ({
  channelId: row.channelId,
  twitchUserId: row.twitchUserId,
  login: row.twitchLogin,
  scopes: row.scopes,
  status: row.status,
  brokenReason: row.brokenReason,
  connectedAt: row.connectedAt,
  updatedAt: row.updatedAt,
});

/** The token's columns, sealed. */
function sealed(cipher: TokenCipher, token: AccessToken) {
  if (!token.refreshToken) throw new Error('a Twitch user token without a refresh token cannot be kept');
  return {
    accessToken: cipher.encrypt(token.accessToken),
    refreshToken: cipher.encrypt(token.refreshToken),
    scopes: [...token.scope],
    obtainedAt: new Date(token.obtainmentTimestamp),
    expiresAt: token.expiresIn === null ? null : new Date(token.obtainmentTimestamp + token.expiresIn * 1000),
  };
}

/**
 * Stores (or replaces) the channel's connection as `connected`. A Twitch account belongs to one
 * channel at a time: connecting it here forgets it wherever else it was.
 */
export async function saveTwitchConnection(
  db: Db,
  cipher: TokenCipher,
  connection: NewTwitchConnection,
  now = new Date(),
): Promise<TwitchConnectionRecord> {
  await db
    .delete(twitchConnections)
    .where(
      and(
        eq(twitchConnections.twitchUserId, connection.twitchUserId),
        ne(twitchConnections.channelId, connection.channelId),
      ),
    );
  const values = {
    ...sealed(cipher, connection.token),
    twitchUserId: connection.twitchUserId,
    twitchLogin: connection.login,
    status: 'connected' as const,
    brokenReason: null,
    connectedAt: now,
    updatedAt: now,
  };
  const [row] = await db
    .insert(twitchConnections)
    .values({ channelId: connection.channelId, ...values })
    .onConflictDoUpdate({ target: twitchConnections.channelId, set: values })
    .returning();
  return toRecord(row!);
}

/** The channel's connection, or null when it has none. */
export async function findTwitchConnection(
  db: Db,
  channelId: string,
): Promise<TwitchConnectionRecord | null> {
  const [row] = await db.select().from(twitchConnections).where(eq(twitchConnections.channelId, channelId));
  return row ? toRecord(row) : null;
}

/** Every `connected` account with its tokens (a `broken` one waits for the broadcaster to reconnect). */
export async function listTwitchCredentials(
  db: Db,
  cipher: TokenCipher,
  channelId?: string,
): Promise<TwitchCredentials[]> {
  const connected = eq(twitchConnections.status, 'connected');
  const rows = await db
    .select()
    .from(twitchConnections)
    .where(channelId ? and(connected, eq(twitchConnections.channelId, channelId)) : connected);
  return rows.map((row) => ({
    channelId: row.channelId,
    twitchUserId: row.twitchUserId,
    token: {
      accessToken: cipher.decrypt(row.accessToken),
      refreshToken: cipher.decrypt(row.refreshToken),
      scope: row.scopes,
      obtainmentTimestamp: row.obtainedAt.getTime(),
      expiresIn: row.expiresAt
        ? Math.round((row.expiresAt.getTime() - row.obtainedAt.getTime()) / 1000)
        : null,
    },
  }));
}

/** Writes a refreshed token back to the account's connection; false when it has none (disconnected meanwhile). */
export async function saveRefreshedToken(
  db: Db,
  cipher: TokenCipher,
  twitchUserId: string,
  token: AccessToken,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .update(twitchConnections)
    .set({ ...sealed(cipher, token), updatedAt: now })
    .where(and(eq(twitchConnections.twitchUserId, twitchUserId), eq(twitchConnections.status, 'connected')))
    .returning({ channelId: twitchConnections.channelId });
  return rows.length > 0;
}

/** Marks the account's connection `broken` with `reason`; it stays so until the broadcaster reconnects. */
export async function markTwitchConnectionBroken(
  db: Db,
  twitchUserId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  await db
    .update(twitchConnections)
    .set({ status: 'broken', brokenReason: reason, updatedAt: now })
    .where(eq(twitchConnections.twitchUserId, twitchUserId));
}

/** Forgets the channel's connection; gives back its access token (decrypted) so it can be revoked, or null. */
export async function deleteTwitchConnection(
  db: Db,
  cipher: TokenCipher,
  channelId: string,
): Promise<{ record: TwitchConnectionRecord; accessToken: string | null } | null> {
  const [row] = await db
    .delete(twitchConnections)
    .where(eq(twitchConnections.channelId, channelId))
    .returning();
  if (!row) return null;
  let accessToken: string | null = null;
  try {
    accessToken = cipher.decrypt(row.accessToken);
  } catch {
    // A row sealed under an older key is still forgotten; there is just nothing to revoke.
  }
  return { record: toRecord(row), accessToken };
}
