import type { Job, StudioStreamEvent } from '../../../client/index.js';
import { useStudioEvents } from './use-studio-events.js';

/** The stream's job events: each carries the job at its newest state. */
export type JobEvent = Extract<StudioStreamEvent, { data: Job }>;

const JOB_EVENTS: Readonly<Record<JobEvent['type'], true>> = {
  'job.queued': true,
  'job.progress': true,
  'job.completed': true,
  'job.failed': true,
  'job.cancelled': true,
};

/** Runs `listener` with the job of each job event of the channel's stream while mounted. */
export function useJobEvents(listener: (job: Job, type: JobEvent['type']) => void): void {
  useStudioEvents((event) => {
    if (Object.hasOwn(JOB_EVENTS, event.type))
      listener((event as JobEvent).data, event.type as JobEvent['type']);
  });
}
