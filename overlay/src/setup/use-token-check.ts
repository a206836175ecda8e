import { useEffect, useState } from 'preact/hooks';
import { type Capabilities, createStudioApi, type FetchLike, StudioApiError } from '../../../client/index.js';
import { useDebounced } from './use-debounced.js';

/** What the server said about the pasted token. */
export type TokenCheck =
  | { readonly state: 'empty' }
  | { readonly state: 'checking' }
  | {
      readonly state: 'accepted';
      readonly role: Capabilities['role'];
      readonly channelId: string;
      /** An `sst_…` API token; anything else is a sign-in token that expires. */
      readonly apiToken: boolean;
    }
  | { readonly state: 'refused'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

export interface TokenCheckServer {
  readonly baseUrl: string;
  readonly fetch?: FetchLike | undefined;
}

const API_TOKEN_PREFIX = 'sst_';

/** Asks the server (`GET /me`) who `token` is, once typing pauses; a newer token's answer replaces an older one's. */
export function useTokenCheck(token: string, server: TokenCheckServer, delayMs = 400): TokenCheck {
  const trimmed = token.trim();
  const settled = useDebounced(trimmed, delayMs);
  const [check, setCheck] = useState<TokenCheck>({ state: 'empty' });
  const { baseUrl, fetch } = server;
  useEffect(() => {
    if (!settled) {
      setCheck({ state: 'empty' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    createStudioApi({ baseUrl, getToken: () => settled, ...(fetch ? { fetch } : {}) })
      .me()
      .then(
        (me) =>
          current &&
          setCheck({
            state: 'accepted',
            role: me.role,
            channelId: me.channelId,
            apiToken: settled.startsWith(API_TOKEN_PREFIX),
          }),
        (error: unknown) => {
          if (!current) return;
          if (error instanceof StudioApiError && error.status === 401)
            setCheck({ state: 'refused', message: error.message });
          else setCheck({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
    return () => {
      current = false;
    };
  }, [settled, baseUrl, fetch]);
  if (!trimmed) return { state: 'empty' };
  return trimmed === settled ? check : { state: 'checking' };
}
