import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RewardInput, TwitchReward } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import { rewardSettling } from './reward-status.js';

/** How often the list is read again while a reward waits on Twitch. */
export const REWARD_POLL_MS = 2000;

/**
 * The channel's channel-point rewards: read on open and every 2 s while one is being created or
 * removed on Twitch (the server does that work in the background), added and removed on request.
 */
export function useRewards() {
  const { api } = useStudio();
  const [rewards, setRewards] = useState<TwitchReward[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Counts finished reads, so a failed one re-arms the next read as a successful one does.
  const [reads, setReads] = useState(0);
  const mounted = useRef(true);

  const read = useCallback(async () => {
    try {
      const { items } = await api.rewards();
      if (!mounted.current) return;
      setRewards(items);
      setError(null);
    } catch (failure) {
      if (mounted.current) setError(errorText(failure));
    } finally {
      if (mounted.current) setReads((n) => n + 1);
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    void read();
    return () => {
      mounted.current = false;
    };
  }, [read]);

  const settling = rewards?.some(rewardSettling) ?? false;
  // `reads` is a dependency so each finished read, whatever its answer, arms the next.
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(() => void read(), REWARD_POLL_MS);
    return () => clearTimeout(timer);
  }, [settling, read, reads]);

  /** Asks for a new reward; throws the server's refusal for the form to show. */
  const create = async (input: RewardInput) => {
    const reward = await api.createReward(input);
    setRewards((now) => [reward, ...(now ?? []).filter((r) => r.id !== reward.id)]);
  };

  /** Removes a reward: gone at once, or `deleting` until Twitch has let it go. */
  const remove = async (id: string) => {
    const reward = await api.deleteReward(id);
    setRewards((now) => (now ?? []).flatMap((r) => (r.id !== id ? [r] : reward ? [reward] : [])));
  };

  return { rewards, error, create, remove, retry: () => void read() };
}
