import { type AccessToken, exchangeCode, getTokenInfo, revokeToken } from '@twurple/auth';

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
  const token = await exchangeCode(credentials.clientId, credentials.clientSecret, code, redirectUri);
  const info = await getTokenInfo(token.accessToken, credentials.clientId);
  if (!info.userId || !info.userName) throw new Error('Twitch gave a token without a user');
  return { userId: info.userId, login: info.userName, token };
}

/** Asks Twitch to revoke `accessToken` (and the refresh token that came with it); true when Twitch agreed. */
export async function revokeAtTwitch(clientId: string, accessToken: string): Promise<boolean> {
  try {
    await revokeToken(clientId, accessToken);
    return true;
  } catch {
    // The connection is forgotten here whatever Twitch says; the broadcaster can still revoke in Twitch's settings.
    return false;
  }
}
