import { recordAudit } from '../audit/index.js';
import type { Caller } from '../auth/caller.js';
import { TwitchConnectError, TwitchNotConfiguredError } from '../errors/index.js';
import { authorize } from '../policy/index.js';
import { mintOauthState, oauthStateIsLive, takeOauthState } from '../twitch/oauth-state-store.js';
import { authorizeUrl, type TwitchApp } from '../twitch/twitch-app.js';
import {
  deleteTwitchConnection,
  findTwitchConnection,
  saveTwitchConnection,
  type TwitchConnectionRecord,
} from '../twitch/twitch-connection-store.js';
import { twitchFailureReason } from '../twitch/twitch-failure-reason.js';
import { revokeAtTwitch, signInWithCode } from '../twitch/twitch-oauth.js';
import type { Services } from './services.js';

/** The use cases' services, with our Twitch application. */
export interface TwitchServices extends Services {
  readonly twitch: TwitchApp;
  readonly config: { readonly publicBaseUrl: string };
}

const STALE_LINK = 'this sign-in link has expired or was already used; start again from the extension';

function credentialsOf(twitch: TwitchApp) {
  if (!twitch.credentials) throw new TwitchNotConfiguredError();
  return twitch.credentials;
}

/**
 * Starts connecting the caller's channel to Twitch: a single-use state bound to the channel, and
 * the URLs that lead to Twitch with it (`loginUrl` is ours, for a browser tab; `url` is Twitch's).
 */
export async function startTwitchConnect(
  services: TwitchServices,
  caller: Caller,
): Promise<{ url: string; loginUrl: string }> {
  authorize(caller, 'twitch.connect');
  const { clientId } = credentialsOf(services.twitch);
  const state = await mintOauthState(services.database.db, caller);
  return {
    url: authorizeUrl(services.twitch, clientId, state),
    loginUrl: `${services.config.publicBaseUrl}/auth/twitch/login?state=${encodeURIComponent(state)}`,
  };
}

/** Twitch's authorize URL for a live `state`, for the login page to redirect to; refuses a used or expired one. */
export async function twitchLoginUrl(services: TwitchServices, state: string): Promise<string> {
  const { clientId } = credentialsOf(services.twitch);
  if (!(await oauthStateIsLive(services.database.db, state))) throw new TwitchConnectError(STALE_LINK);
  return authorizeUrl(services.twitch, clientId, state);
}

/** What Twitch sent back to the callback. */
export interface TwitchCallback {
  readonly state: string | undefined;
  readonly code: string | undefined;
  readonly error: string | undefined;
}

/**
 * Finishes the connect flow: uses up the state, exchanges the code, checks the account is the
 * channel's own (the channel id is its broadcaster's Twitch id; local mode takes any), and stores
 * the tokens sealed, audited for whoever asked to connect.
 */
export async function finishTwitchConnect(
  services: TwitchServices,
  callback: TwitchCallback,
): Promise<TwitchConnectionRecord> {
  const credentials = credentialsOf(services.twitch);
  const db = services.database.db;
  // The state is used up first, whatever else is wrong, so a link that failed once cannot be tried again.
  const owner = callback.state ? await takeOauthState(db, callback.state) : null;
  if (!owner) throw new TwitchConnectError(STALE_LINK);
  if (callback.error) {
    throw new TwitchConnectError(
      callback.error === 'access_denied'
        ? 'Twitch access was not granted, so nothing was connected'
        : 'Twitch did not finish the sign-in; start again from the extension',
    );
  }
  if (!callback.code)
    throw new TwitchConnectError('Twitch sent no sign-in code; start again from the extension');
  const signIn = await signInWithCode(credentials, callback.code, services.twitch.redirectUri).catch(
    (error: unknown) => {
      throw new TwitchConnectError(`Twitch did not accept the sign-in (${twitchFailureReason(error)})`);
    },
  );
  if (!services.twitch.anyAccount && signIn.userId !== owner.channelId) {
    await revokeAtTwitch(credentials.clientId, signIn.token.accessToken);
    throw new TwitchConnectError(
      `signed in to Twitch as ${signIn.login}, which is not this channel's account; sign in as the broadcaster`,
    );
  }
  const caller: Caller = { ...owner, userId: null };
  return db.transaction(async (tx) => {
    const record = await saveTwitchConnection(tx, services.twitch.cipher, {
      channelId: owner.channelId,
      twitchUserId: signIn.userId,
      login: signIn.login,
      token: signIn.token,
    });
    await recordAudit(tx, caller, 'twitch.connect', signIn.userId, {
      login: signIn.login,
      scopes: record.scopes,
    });
    return record;
  });
}

/** The channel's Twitch connection, or null when it has none. */
export function readTwitchConnection(
  services: Services,
  caller: Caller,
): Promise<TwitchConnectionRecord | null> {
  authorize(caller, 'twitch.read');
  return findTwitchConnection(services.database.db, caller.channelId);
}

/** Forgets the channel's Twitch tokens, then asks Twitch to revoke them (its answer does not matter). */
export async function disconnectTwitch(services: TwitchServices, caller: Caller): Promise<void> {
  authorize(caller, 'twitch.disconnect');
  const forgotten = await services.database.db.transaction(async (tx) => {
    const deleted = await deleteTwitchConnection(tx, services.twitch.cipher, caller.channelId);
    if (deleted)
      await recordAudit(tx, caller, 'twitch.disconnect', deleted.record.twitchUserId, {
        login: deleted.record.login,
      });
    return deleted;
  });
  const clientId = services.twitch.credentials?.clientId;
  if (forgotten?.accessToken && clientId) await revokeAtTwitch(clientId, forgotten.accessToken);
}
