import { StudioError } from './studio-error.js';

/** Connecting Twitch needs the application's credentials, which this server was not given. */
export class TwitchNotConfiguredError extends StudioError {
  constructor() {
    super(
      'TWITCH_NOT_CONFIGURED',
      'connecting Twitch needs TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET set on the server (a Twitch application whose redirect URL is <PUBLIC_BASE_URL>/auth/twitch/callback)',
    );
  }
}

/** The Twitch sign-in could not finish; the message is for the broadcaster's browser tab and holds no token. */
export class TwitchConnectError extends StudioError {
  constructor(message: string) {
    super('TWITCH_CONNECT_FAILED', message);
  }
}
