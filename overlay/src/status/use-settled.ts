import { useEffect, useState } from 'preact/hooks';
import type { Clock } from '../../../client/index.js';

/** True once `calm` has held for `afterMs` without a break; false again the moment it breaks. */
export function useSettled(calm: boolean, afterMs: number, clock: Clock): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    setSettled(false);
    if (!calm) return;
    const timer = clock.setTimeout(() => setSettled(true), afterMs);
    return () => clock.clearTimeout(timer);
  }, [calm, afterMs, clock]);
  // Read with `calm`, so the render that breaks the calm already shows the words.
  return calm && settled;
}
