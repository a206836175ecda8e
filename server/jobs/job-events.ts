import type { NewEvent } from '../events/event-hub.js';
import type { Job } from './job.js';
import { toJobView } from './job-view.js';

type JobEventType = 'job.queued' | 'job.progress' | 'job.completed' | 'job.failed' | 'job.cancelled';

/** The stream event for a job change; private jobs are seen by the channel's broadcaster side only. */
export function jobEvent(type: JobEventType, job: Job): NewEvent {
  return { channelId: job.channelId, type, audience: job.visibility, data: toJobView(job) };
}

/** The event that announces a job's current status. */
export function jobStatusEvent(job: Job): NewEvent {
  const type = (
    {
      queued: 'job.queued',
      processing: 'job.progress',
      completed: 'job.completed',
      failed: 'job.failed',
      cancelled: 'job.cancelled',
    } as const
  )[job.status];
  return jobEvent(type, job);
}
