import type { NewEvent } from '../events/studio-event.js';
import type { Job } from './job.js';
import type { JobStatus } from './job-status.js';
import { toJobView } from './job-view.js';

/** The event each status is announced with: a job's events follow from its state, never chosen by hand. */
const EVENT_OF_STATUS = {
  queued: 'job.queued',
  processing: 'job.progress',
  completed: 'job.completed',
  failed: 'job.failed',
  cancelled: 'job.cancelled',
} as const satisfies Record<JobStatus, NewEvent['type']>;

/** The event that announces a job's current state; private jobs are seen by the channel's broadcaster side only. */
export function jobStatusEvent(job: Job): NewEvent {
  return {
    channelId: job.channelId,
    type: EVENT_OF_STATUS[job.status],
    audience: job.visibility,
    data: toJobView(job),
  };
}
