import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Capabilities, StudioApi, StudioApiError, StudioStreamEvent } from '../../../client/index.js';

/** How the page's one event stream is doing, in the terms a view shows. */
export type LiveStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'live' }
  | { readonly state: 'reconnecting'; readonly reason: string; readonly delayMs: number }
  | { readonly state: 'refused'; readonly error: StudioApiError };

export type EventListener = (event: StudioStreamEvent) => void;

/** What every view reads: the typed API, what the caller may do, and the channel's live events. */
export interface Studio {
  readonly api: StudioApi;
  readonly capabilities: Capabilities;
  /** The channel whose page the view is on, as Twitch's helper names it (`onAuthorized`). */
  readonly channelId: string;
  readonly live: LiveStatus;
  /** Calls `listener` for each event of the channel's stream; returns the unsubscribe. */
  readonly subscribe: (listener: EventListener) => () => void;
  /** Asks the server again what the caller may do (after the channel's settings changed). */
  readonly refreshCapabilities: () => void;
}

export const StudioContext = createContext<Studio | null>(null);

/** The studio of the page; only views inside `<ExtensionRoot>` (or a test's provider) may call it. */
export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio)
    throw new Error('useStudio() is for components inside <ExtensionRoot> or <StudioContext.Provider>');
  return studio;
}
