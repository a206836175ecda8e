import { useEffect, useRef, useState } from 'preact/hooks';
import type { PackInput } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useJobEvents } from '../studio/use-job-events.js';
import { useAction } from '../ui/use-action.js';
import { isPieceActive, type Pack } from './pack-types.js';
import { packWithJob } from './pack-with-job.js';

/** Between re-reads of a pack that is still running with no piece under way: it is about to move on or end. */
const SETTLE_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * The channel's newest brand pack, kept live: its pieces' jobs fill in from the channel's job
 * events (those naming this pack), and the pack is read again whenever a piece ends, for the
 * asset it made and for the pack's own status. The stream has no event for the pack itself, so a
 * pack left running with nothing under way (between its lead and the rest, or about to end) is
 * read again after a short, growing wait until it moves.
 */
export function usePack() {
  const { api } = useStudio();
  const [pack, setPack] = useState<Pack | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();
  const held = useRef(pack);
  held.current = pack;
  const settles = useRef(0);

  const adopt = (next: Pack) => setPack((now) => (now === null || now.id === next.id ? next : now));
  const reread = (id: string) => api.pack(id).then(adopt, () => undefined);

  useEffect(() => {
    let stale = false;
    api.packs({ limit: 1 }).then(
      (page) => !stale && page.items[0] && setPack((now) => now ?? page.items[0] ?? null),
      (failure: unknown) => !stale && setLoadError(failure),
    );
    return () => {
      stale = true;
    };
  }, [api]);

  const waiting = pack?.status === 'running' && !pack.pieces.some(isPieceActive);
  useEffect(() => {
    if (!pack || !waiting) {
      settles.current = 0;
      return;
    }
    const delay = SETTLE_MS[Math.min(settles.current, SETTLE_MS.length - 1)];
    settles.current += 1;
    const timer = setTimeout(() => reread(pack.id), delay);
    return () => clearTimeout(timer);
  }, [pack, waiting]);

  useJobEvents((job, type) => {
    const current = held.current;
    if (!current || job.packId !== current.id) return;
    setPack((now) => (now ? packWithJob(now, job) : now));
    if (type !== 'job.queued' && type !== 'job.progress') void reread(current.id);
  });

  const start = (input: PackInput) =>
    action.run(async () => {
      setPack(await api.createPack(input));
    });
  const cancel = () =>
    action.run(async () => {
      if (held.current) setPack(await api.cancelPack(held.current.id));
    });
  return { pack, loadError, start, cancel, busy: action.busy, error: action.error };
}
