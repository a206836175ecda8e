import { useEffect, useRef, useState } from 'preact/hooks';
import type { TwitchAuth, TwitchExt } from './twitch-ext.js';

export type Theme = 'light' | 'dark';

export interface TwitchState {
  /** `missing`: no helper (opened outside Twitch); `waiting`: no JWT yet; `ready`: authorized. */
  readonly status: 'missing' | 'waiting' | 'ready';
  readonly auth: TwitchAuth | null;
  readonly theme: Theme;
  /** The newest JWT, read at each call: Twitch hands out a fresh one before the old expires. */
  readonly getToken: () => string;
  /** Grows each time Twitch hands a new JWT, so what was refused with an old one can try again. */
  readonly tokenVersion: number;
}

/** Follows Twitch's helper: the JWT (renewed over time) and the dark or light theme. */
export function useTwitch(ext: TwitchExt | null): TwitchState {
  const [auth, setAuth] = useState<TwitchAuth | null>(null);
  const [theme, setTheme] = useState<Theme>('dark');
  const [tokenVersion, setTokenVersion] = useState(0);
  const token = useRef('');

  useEffect(() => {
    if (!ext) return;
    // The helper has no way to unsubscribe: these are set once for the page's life.
    ext.onAuthorized((next) => {
      token.current = next.token;
      setAuth(next);
      setTokenVersion((version) => version + 1);
    });
    ext.onContext((context) => {
      if (context.theme === 'light' || context.theme === 'dark') setTheme(context.theme);
    });
  }, [ext]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return {
    status: !ext ? 'missing' : auth ? 'ready' : 'waiting',
    auth,
    theme,
    getToken: () => token.current,
    tokenVersion,
  };
}
