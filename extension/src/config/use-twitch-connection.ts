import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TwitchConnection } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';

/**
 * Opens `url` in a new tab that cannot reach back into this page. The tab is opened at the click
 * (a tab opened after an answer arrives is a popup browsers block), then sent where it must go.
 */
function openDetached(): { go: (url: string) => void; close: () => void } {
  const tab = window.open('about:blank', '_blank');
  if (tab) tab.opener = null;
  return {
    go: (url) => {
      if (tab) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    },
    close: () => tab?.close(),
  };
}

/**
 * The channel's Twitch connection for chat and channel points: read on open and whenever this page
 * gets the focus back (the broadcaster returns from Twitch's page), started and forgotten on request.
 */
export function useTwitchConnection() {
  const { api } = useStudio();
  const [connection, setConnection] = useState<TwitchConnection | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = useCallback(() => {
    api.twitchConnection().then(
      (next) => {
        setConnection(next);
        setError(null);
      },
      (failure: unknown) => setError(errorText(failure)),
    );
  }, [api]);

  useEffect(() => {
    read();
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, [read]);

  const connect = async () => {
    const tab = openDetached();
    setBusy(true);
    setError(null);
    try {
      tab.go((await api.connectTwitch()).loginUrl);
    } catch (failure) {
      tab.close();
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      setConnection(await api.disconnectTwitch());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return { connection, busy, error, connect, disconnect, read };
}
