import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Caller } from '../auth/caller.js';
import type { Db } from '../db/database.js';
import { twitchOauthStates } from '../db/schema.js';

/** How long a connect link stays good: long enough to sign in to Twitch, short enough to be useless later. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** Who asked to connect, as the state remembers it: the callback acts for them. */
export type StateOwner = Pick<Caller, 'channelId' | 'role' | 'principal' | 'via'>;

const hash = (state: string) => createHash('sha256').update(state).digest('base64url');

/** A fresh random `state` bound to the caller's channel; only its hash is stored. Old ones are pruned. */
export async function mintOauthState(db: Db, caller: Caller, now = new Date()): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  await db.delete(twitchOauthStates).where(lte(twitchOauthStates.expiresAt, now));
  await db.insert(twitchOauthStates).values({
    stateHash: hash(state),
    channelId: caller.channelId,
    principal: caller.principal,
    role: caller.role,
    via: caller.via,
    expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
  });
  return state;
}

/** Whether `state` is still good (unused, unexpired), without using it up. */
export async function oauthStateIsLive(db: Db, state: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ channelId: twitchOauthStates.channelId })
    .from(twitchOauthStates)
    .where(and(eq(twitchOauthStates.stateHash, hash(state)), gt(twitchOauthStates.expiresAt, now)));
  return row !== undefined;
}

/** Uses `state` up: its owner once, while unexpired; null when it is unknown, used or expired. */
export async function takeOauthState(db: Db, state: string, now = new Date()): Promise<StateOwner | null> {
  // One delete decides, so two callbacks racing with one state cannot both win.
  const [row] = await db
    .delete(twitchOauthStates)
    .where(eq(twitchOauthStates.stateHash, hash(state)))
    .returning();
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  return { channelId: row.channelId, role: row.role, principal: row.principal, via: row.via };
}
