/** What Twitch's helper hands a view once the viewer is known: the JWT is our bearer token. */
export interface TwitchAuth {
  readonly channelId: string;
  readonly clientId: string;
  /** The extension JWT (HS256, signed with the extension secret); renewed by Twitch before it expires. */
  readonly token: string;
  readonly userId: string;
}

/** The part of Twitch's context a view reacts to. */
export interface TwitchContext {
  readonly theme?: 'light' | 'dark';
  readonly language?: string;
  readonly mode?: 'viewer' | 'dashboard' | 'config';
}

/** The subset of `window.Twitch.ext` (helper v1) the views use; the local rig's stand-in provides the same. */
export interface TwitchExt {
  onAuthorized(callback: (auth: TwitchAuth) => void): void;
  onContext(callback: (context: Partial<TwitchContext>, changed: readonly string[]) => void): void;
  onError?(callback: (error: unknown) => void): void;
}

declare global {
  interface Window {
    Twitch?: { ext?: TwitchExt };
  }
}

/** Twitch's helper, or `null` when the page was opened outside Twitch and the rig. */
export function twitchExt(): TwitchExt | null {
  return (typeof window === 'undefined' ? undefined : window.Twitch?.ext) ?? null;
}
