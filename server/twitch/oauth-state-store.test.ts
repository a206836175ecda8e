import { expect, it } from 'vitest';
import type { Caller } from '../auth/caller.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { twitchOauthStates } from '../db/schema.js';
import { mintOauthState, OAUTH_STATE_TTL_MS, oauthStateIsLive, takeOauthState } from './oauth-state-store.js';

const caller: Caller = {
  channelId: '4242',
  role: 'broadcaster',
  userId: null,
  principal: 'twitch:U4242',
  via: 'extension_jwt',
};

describeEachDatabase('OAuth state store', ({ db }) => {
  it('gives a state to exactly one of many callbacks racing with it', async () => {
    const state = await mintOauthState(db(), caller);
    const taken = await Promise.all(Array.from({ length: 8 }, () => takeOauthState(db(), state)));
    expect(taken.filter(Boolean)).toEqual([
      { channelId: '4242', role: 'broadcaster', principal: 'twitch:U4242', via: 'extension_jwt' },
    ]);
    expect(await oauthStateIsLive(db(), state)).toBe(false);
  });

  it('keeps only a hash of the state', async () => {
    const state = await mintOauthState(db(), caller);
    const rows = await db().select().from(twitchOauthStates);
    expect(JSON.stringify(rows)).not.toContain(state);
  });

  it('is live until it expires, and an expired one is refused and pruned', async () => {
    const minted = new Date();
    const state = await mintOauthState(db(), caller, minted);
    const justBefore = new Date(minted.getTime() + OAUTH_STATE_TTL_MS - 1);
    const expired = new Date(minted.getTime() + OAUTH_STATE_TTL_MS);
    expect(await oauthStateIsLive(db(), state, justBefore)).toBe(true);
    expect(await oauthStateIsLive(db(), state, expired)).toBe(false);
    // Minting another once it has expired prunes it: even a clock from before its expiry finds nothing.
    await mintOauthState(db(), caller, expired);
    expect(await takeOauthState(db(), state, justBefore)).toBeNull();
  });
});
