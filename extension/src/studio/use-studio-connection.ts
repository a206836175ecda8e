import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type Capabilities,
  createStudioApi,
  type FetchLike,
  type StudioApi,
  StudioApiError,
} from '../../../client/index.js';
import type { TwitchState } from '../twitch/use-twitch.js';
import type { EventListener, LiveStatus, Studio } from './studio-context.js';

/** How long to wait before asking an unreachable server again. */
export const RETRY_MS = 3000;

export type Connection =
  | { readonly state: 'waiting' }
  | { readonly state: 'failed'; readonly error: StudioApiError; readonly retrying: boolean }
  | { readonly state: 'ready'; readonly studio: Studio };

const asApiError = (error: unknown) =>
  error instanceof StudioApiError
    ? error
    : new StudioApiError({ status: 0, code: 'NETWORK_ERROR', message: String(error) });

/** A refusal that a fresh Twitch token may lift (expired or not yet valid). */
const waitsForToken = (error: StudioApiError) => error.status === 401;
/** A failure worth asking again after a pause: nothing answered, or the server had trouble. */
const passing = (error: StudioApiError) => error.status === 0 || error.status >= 500 || error.status === 429;

/**
 * Connects a view to the server once Twitch has authorized it: builds the typed API on the newest
 * JWT, asks what the caller may do, and keeps one event stream open for the page, reopened when a
 * refusal was about the token and Twitch hands a new one.
 */
export function useStudioConnection(twitch: TwitchState, baseUrl: string, fetch?: FetchLike): Connection {
  const { getToken, tokenVersion } = twitch;
  const ready = twitch.status === 'ready';
  const api: StudioApi = useMemo(
    () => createStudioApi({ baseUrl, getToken, ...(fetch ? { fetch } : {}) }),
    // getToken reads a ref, so one API serves every token Twitch hands out.
    [baseUrl, fetch],
  );
  const [capabilities, setCapabilities] = useState<Capabilities | null>(null);
  const [failure, setFailure] = useState<{ error: StudioApiError; retrying: boolean } | null>(null);
  const [asked, setAsked] = useState(0);
  const [live, setLive] = useState<LiveStatus>({ state: 'connecting' });
  const listeners = useRef(new Set<EventListener>());

  useEffect(() => {
    if (!ready) return;
    let stale = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api.me().then(
      (me) => {
        if (stale) return;
        setCapabilities(me);
        setFailure(null);
      },
      (error: unknown) => {
        if (stale) return;
        const apiError = asApiError(error);
        const retrying = passing(apiError);
        setFailure({ error: apiError, retrying });
        if (retrying) timer = setTimeout(() => setAsked((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, ready, asked]);

  // Refused for the token (expired, say): ask again with the next one Twitch hands out.
  const refusedForToken = failure !== null && waitsForToken(failure.error);
  useEffect(() => {
    if (refusedForToken) setAsked((n) => n + 1);
  }, [tokenVersion]);

  const streamKey = live.state === 'refused' && waitsForToken(live.error) ? tokenVersion : 0;
  const connected = capabilities !== null;
  useEffect(() => {
    if (!connected) return;
    const stream = api.events({
      onEvent: (event) => {
        for (const listener of listeners.current) listener(event);
      },
      onStatus: (status) => {
        if (status.state === 'open') setLive({ state: 'live' });
        else if (status.state === 'reconnecting')
          setLive({ state: 'reconnecting', reason: status.reason, delayMs: status.delayMs });
        else if (status.state === 'closed' && status.reason === 'refused')
          setLive({ state: 'refused', error: status.error });
      },
    });
    return () => stream.close();
  }, [api, connected, streamKey]);

  const subscribe = useCallback((listener: EventListener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const refreshCapabilities = useCallback(() => setAsked((n) => n + 1), []);

  const channelId = twitch.auth?.channelId;
  const studio = useMemo(
    () =>
      capabilities && channelId
        ? { api, capabilities, channelId, live, subscribe, refreshCapabilities }
        : null,
    [api, capabilities, channelId, live, subscribe, refreshCapabilities],
  );
  if (studio) return { state: 'ready', studio };
  if (failure) return { state: 'failed', ...failure };
  return { state: 'waiting' };
}
