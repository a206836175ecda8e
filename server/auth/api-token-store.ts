import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiTokens } from '../db/schema.js';
import type { Role } from '../vocabulary/index.js';
import type { Caller } from './caller.js';

/** Every token starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const API_TOKEN_PREFIX = 'sst_';

/** A stored API token; the token itself is never kept, only its hash. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly channelId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

type ApiTokenRow = typeof apiTokens.$inferSelect;

function toRecord(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** SHA-256 hex of a token: what the table stores and looks tokens up by. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Makes a token for the channel; the returned `token` is shown once and cannot be recovered. */
export async function createApiToken(
  db: Db,
  channelId: string,
  options: { name: string; role: Role },
): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: randomUUID(),
      channelId,
      name: options.name,
      role: options.role,
      tokenHash: hashApiToken(token),
      createdAt: new Date(),
    })
    .returning();
  return { token, record: toRecord(row!) };
}

/** How stale `last_used_at` may get: recording every use would make every API read a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The caller a token stands for, or null for an unknown or revoked token; notes (to the minute) when it was used. */
export async function verifyApiToken(db: Db, token: string, now: Date = new Date()): Promise<Caller | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const tokenHash = hashApiToken(token);
  const [row] = await db
    .select({
      id: apiTokens.id,
      channelId: apiTokens.channelId,
      role: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.tokenHash, tokenHash));
  }
  return {
    channelId: row.channelId,
    role: row.role,
    userId: null,
    principal: `token:${row.id}`,
    via: 'api_token',
  };
}

/** Revokes the channel's token for good; null when the channel has no such token. */
export async function revokeApiToken(db: Db, channelId: string, id: string): Promise<ApiTokenRecord | null> {
  const now = new Date();
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.channelId, channelId), isNull(apiTokens.revokedAt)))
    .returning();
  if (row) return toRecord(row);
  // Revoking twice keeps the first revocation time.
  const [already] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.channelId, channelId)));
  return already ? toRecord(already) : null;
}

/** The channel's tokens, revoked ones included, newest first. */
export async function listApiTokens(db: Db, channelId: string): Promise<ApiTokenRecord[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.channelId, channelId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(toRecord);
}
