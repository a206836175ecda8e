import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Job } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useJobEvents } from '../studio/use-job-events.js';
import { upsertJob } from './upsert-job.js';

/** The jobs a view follows, newest first. */
export interface Jobs {
  readonly jobs: readonly Job[];
  /** True until the recent jobs have been read (false at once when there is nothing to read). */
  readonly loading: boolean;
  readonly error: unknown;
  /** Ids of the jobs that were queued or changed while the view was open (not only read from history). */
  readonly watched: ReadonlySet<string>;
  /** Follows a job this view queued or changed (the form's `onQueued`, a cancel's answer). */
  readonly track: (job: Job) => void;
}

/**
 * The channel's recent jobs (when the caller may read them) and every job its events mention,
 * each kept at its newest state however the REST answer and the events interleave.
 */
export function useJobs({ recent = 10 }: { recent?: number } = {}): Jobs {
  const { api, capabilities } = useStudio();
  const load = capabilities.permissions['job.read'] && recent > 0;
  const [jobs, setJobs] = useState<readonly Job[]>([]);
  const [loading, setLoading] = useState(load);
  const [error, setError] = useState<unknown>(null);
  const watched = useRef(new Set<string>()).current;
  const track = useCallback(
    (job: Job) =>
      setJobs((held) => {
        const next = upsertJob(held, job);
        if (next !== held) watched.add(job.id);
        return next;
      }),
    [],
  );

  useEffect(() => {
    if (!load) return;
    let stale = false;
    api
      .jobs({ limit: recent })
      .then(
        (page) => !stale && setJobs((held) => page.items.reduce(upsertJob, held)),
        (failure: unknown) => !stale && setError(failure),
      )
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [api, load, recent]);

  useJobEvents(track);
  return { jobs, loading, error, watched, track };
}
