import type { Config } from '../config/index.js';
import { TokenCipher } from './token-cipher.js';

/** The scopes a connection asks for: read and send chat, read and manage channel-point rewards. */
export const TWITCH_SCOPES = [
  'user:read:chat',
  'user:write:chat',
  'channel:read:redemptions',
  'channel:manage:redemptions',
] as const;

/** Our Twitch application as the connect flow needs it. */
export interface TwitchApp {
  /** The application's credentials; undefined until `TWITCH_CLIENT_ID` and `TWITCH_CLIENT_SECRET` are set. */
  readonly credentials: { readonly clientId: string; readonly clientSecret: string } | undefined;
  /** Where Twitch sends the browser back: `<PUBLIC_BASE_URL>/auth/twitch/callback`, registered with the app. */
  readonly redirectUri: string;
  /** Seals the tokens kept in the database. */
  readonly cipher: TokenCipher;
  /** Local mode: whichever Twitch account signs in is recorded for the channel. */
  readonly anyAccount: boolean;
}

/** The Twitch application from the config; the token key is derived from `extensionSecret` when none is set. */
export function twitchAppFrom(config: Config, extensionSecret: string): TwitchApp {
  const { clientId, clientSecret, tokenKey } = config.twitch;
  return {
    credentials: clientId && clientSecret ? { clientId, clientSecret } : undefined,
    redirectUri: `${config.publicBaseUrl}/auth/twitch/callback`,
    cipher: TokenCipher.fromConfig(tokenKey, extensionSecret),
    anyAccount: config.localMode,
  };
}

/** Twitch's authorize URL for `state`: the page where the broadcaster grants our scopes. */
export function authorizeUrl(app: TwitchApp, clientId: string, state: string): string {
  const url = new URL('https://id.twitch.tv/oauth2/authorize');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', TWITCH_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}
