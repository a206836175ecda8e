import { useCallback, useRef, useState } from 'preact/hooks';

/** One call a control makes on the user's behalf, and how it went. */
export interface Action {
  /** Runs `work` unless a run is already under way; true when `work` finished without throwing. */
  readonly run: (work: () => Promise<unknown>) => Promise<boolean>;
  readonly busy: boolean;
  /** What the last run threw, until the next run starts. */
  readonly error: unknown;
}

/**
 * A control's call to the server, one at a time: a second click while the first is in flight is
 * dropped (a ref, not state, so two clicks in the same tick cannot both get through).
 */
export function useAction(): Action {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}
