import { useEffect, useState } from 'preact/hooks';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';

export type SettingPhase = 'loading' | 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Whether the channel's moderators may generate from the panel: read from the channel, saved as
 * soon as it is changed, and then the caller's capabilities are asked for again (they follow it).
 */
export function useModeratorSetting() {
  const { api, refreshCapabilities } = useStudio();
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [phase, setPhase] = useState<SettingPhase>('loading');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    setPhase('loading');
    api.channel().then(
      (channel) => {
        if (stale) return;
        setAllowed(channel.allowModeratorGenerate);
        setPhase('idle');
      },
      (failure: unknown) => {
        if (stale) return;
        setError(errorText(failure));
        setPhase('failed');
      },
    );
    return () => {
      stale = true;
    };
  }, [api, attempt]);

  const change = async (next: boolean) => {
    const before = allowed;
    setAllowed(next);
    setPhase('saving');
    setError(null);
    try {
      const channel = await api.updateChannel({ allowModeratorGenerate: next });
      setAllowed(channel.allowModeratorGenerate);
      setPhase('saved');
      refreshCapabilities();
    } catch (failure) {
      setAllowed(before);
      setError(errorText(failure));
      setPhase('idle');
    }
  };

  return { allowed, phase, error, change, retry: () => setAttempt((n) => n + 1) };
}
