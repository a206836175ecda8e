import { useEffect, useState } from 'preact/hooks';
import type { ChannelSettings } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import type { SettingPhase } from './use-moderator-setting.js';

/** The most a budget may be, as the server takes it. */
export const MAX_DAILY_BUDGET = 1_000_000;

/** The field's text as a budget: a whole number in range, or null with why not. */
export function parseBudget(text: string): { budget: number } | { problem: string } {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_DAILY_BUDGET)
    return { problem: `a whole number from 0 to ${MAX_DAILY_BUDGET.toLocaleString('en')}` };
  return { budget: value };
}

/**
 * The channel's daily generation budget, shared by every trigger (panel, API, chat, channel
 * points): how much of today's is used, and the broadcaster's change, saved on request.
 */
export function useBudgetSetting() {
  const { api } = useStudio();
  const [channel, setChannel] = useState<ChannelSettings | null>(null);
  const [draft, setDraft] = useState('');
  const [unlimited, setUnlimited] = useState(false);
  const [phase, setPhase] = useState<SettingPhase>('loading');
  const [error, setError] = useState<string | null>(null);

  const adopt = (next: ChannelSettings) => {
    setChannel(next);
    setUnlimited(next.dailyGenerationBudget === null);
    setDraft(next.dailyGenerationBudget === null ? '' : String(next.dailyGenerationBudget));
  };

  useEffect(() => {
    let stale = false;
    api.channel().then(
      (next) => {
        if (stale) return;
        adopt(next);
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
  }, [api]);

  const parsed = unlimited ? { budget: null } : parseBudget(draft);
  const save = async () => {
    if ('problem' in parsed) return;
    setPhase('saving');
    setError(null);
    try {
      adopt(await api.updateChannel({ dailyGenerationBudget: parsed.budget }));
      setPhase('saved');
    } catch (failure) {
      setError(errorText(failure));
      setPhase('idle');
    }
  };

  const edit = (change: () => void) => {
    change();
    if (phase === 'saved') setPhase('idle');
  };
  return {
    channel,
    draft,
    unlimited,
    phase,
    error,
    problem: 'problem' in parsed ? parsed.problem : null,
    setDraft: (text: string) => edit(() => setDraft(text)),
    setUnlimited: (value: boolean) => edit(() => setUnlimited(value)),
    save,
  };
}
