import type { TwitchAuth, TwitchContext, TwitchExt } from '../twitch/twitch-ext.js';

/** A `Twitch.ext` a test drives: hand out a JWT, renew it, switch the theme. */
export class FakeTwitch implements TwitchExt {
  private readonly authorized: ((auth: TwitchAuth) => void)[] = [];
  private readonly contexts: ((context: Partial<TwitchContext>, changed: readonly string[]) => void)[] = [];

  onAuthorized(callback: (auth: TwitchAuth) => void): void {
    this.authorized.push(callback);
  }

  onContext(callback: (context: Partial<TwitchContext>, changed: readonly string[]) => void): void {
    this.contexts.push(callback);
  }

  /** Twitch hands the view a (new) JWT. */
  authorize(token = 'jwt-1', channelId = 'local'): void {
    for (const callback of this.authorized)
      callback({ channelId, clientId: 'test-client', token, userId: 'U1' });
  }

  theme(theme: 'dark' | 'light'): void {
    for (const callback of this.contexts) callback({ theme }, ['theme']);
  }
}
