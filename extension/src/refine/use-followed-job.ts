import { useState } from 'preact/hooks';
import type { Job } from '../../../client/index.js';
import { isNewer } from '../jobs/upsert-job.js';
import { useJobEvents } from '../studio/use-job-events.js';

/** The job a view queued, at its newest state, and the call that starts following one. */
export interface FollowedJob {
  readonly job: Job | null;
  readonly follow: (job: Job) => void;
}

/** One job this view queued, kept current by the channel's event stream (the one every view shares). */
export function useFollowedJob(): FollowedJob {
  const [job, setJob] = useState<Job | null>(null);
  const take = (incoming: Job) =>
    setJob((held) => (held?.id === incoming.id && isNewer(incoming, held) ? incoming : held));
  useJobEvents(take);
  return { job, follow: setJob };
}
