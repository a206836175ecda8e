import type { ComponentChildren } from 'preact';
import type { FetchLike } from '../../../client/index.js';
import { type TwitchExt, twitchExt } from '../twitch/twitch-ext.js';
import { useTwitch } from '../twitch/use-twitch.js';
import { Notice } from '../ui/notice.js';
import { serverUrl } from './server-url.js';
import { StudioContext } from './studio-context.js';
import { RETRY_MS, useStudioConnection } from './use-studio-connection.js';

export interface ExtensionRootProps {
  readonly children: ComponentChildren;
  /** Twitch's helper (default: `window.Twitch.ext`); tests pass a stand-in, or `null` for none. */
  readonly ext?: TwitchExt | null;
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
}

/**
 * Every view's frame: waits for Twitch's JWT, connects to the server, and shows a calm state
 * instead of the view while either is missing. Inside it, `useStudio()` is always ready.
 */
export function ExtensionRoot(props: ExtensionRootProps) {
  const twitch = useTwitch(props.ext === undefined ? twitchExt() : props.ext);
  const connection = useStudioConnection(twitch, props.baseUrl ?? serverUrl(), props.fetch);

  if (twitch.status === 'missing')
    return (
      <Notice title="Open this inside Twitch">
        This page is a view of the Streamer Studio extension. It runs on Twitch, or locally in the rig at
        /rig.
      </Notice>
    );
  if (twitch.status === 'waiting') return <Notice title="Waiting for Twitch…" busy />;
  if (connection.state === 'waiting') return <Notice title="Connecting to Streamer Studio…" busy />;
  if (connection.state === 'failed') {
    const { error, retrying } = connection;
    if (error.status === 401)
      return (
        <Notice title="Twitch sign-in was not accepted" busy>
          Waiting for a fresh token from Twitch. ({error.message})
        </Notice>
      );
    return (
      <Notice
        title={error.status === 0 ? 'Streamer Studio is unreachable' : 'Streamer Studio refused'}
        busy={retrying}
      >
        {error.message}
        {retrying ? ` Trying again every ${RETRY_MS / 1000} s.` : ''}
      </Notice>
    );
  }
  return <StudioContext.Provider value={connection.studio}>{props.children}</StudioContext.Provider>;
}
