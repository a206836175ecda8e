import type { AccessToken } from '@twurple/auth';

/**
 * twurple's auth module, loaded by the first sign-in or revoke: a server without Twitch never
 * needs it, and it is ~8 MB of RSS at start.
 */
const twurpleAuth = () => import('@twurple/auth');

/** Who signed in at Twitch, and the token they granted. */
export interface TwitchSignIn {
  readonly userId: string;
  readonly login: string;
  readonly token: AccessToken;
}

/**
 * Exchanges an authorization code for a user token and validates it (`/oauth2/validate`) to learn
 * whose it is. Both calls go through twurple's `callTwitchApi`, so `TWURPLE_MOCK_API_PORT` reaches them.
 */
export async function signInWithCode(
  credentials: { clientId: string; clientSecret: string },
  code: string,
  redirectUri: string,
): Promise<TwitchSignIn> {
  const { exchangeCode, getTokenInfo } = await twurpleAuth();
  const token = await exchangeCode(credentials.clientId, credentials.clientSecret, code, redirectUri);
  const info = await getTokenInfo(token.accessToken, credentials.clientId);
  if (!info.userId || !info.userName) throw new Error('Twitch gave a token without a user');
  return { userId: info.userId, login: info.userName, token };
}

/** Asks Twitch to revoke `accessToken` (and the refresh token that came with it); true when Twitch agreed. */
export async function revokeAtTwitch(clientId: string, accessToken: string): Promise<boolean> {
  try {
    const { revokeToken } = await twurpleAuth();
    await revokeToken(clientId, accessToken);
    return true;
  } catch {
    // The connection is forgotten here whatever Twitch says; the broadcaster can still revoke in Twitch's settings.
    return false;
  }
}
