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

/** Channel points act through the channel's own Twitch account, which is not connected (or broke). */
export class TwitchNotConnectedError extends StudioError {
  constructor() {
    super(
      'TWITCH_NOT_CONNECTED',
      'connect Twitch first: channel-point rewards are made on the channel’s Twitch account (POST /api/v1/twitch/connect)',
    );
  }
}
