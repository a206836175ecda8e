import type { Job } from '../../../client/index.js';

/** The one word a job's state is shown as. */
export const STATUS_WORDS: Readonly<Record<Job['status'], string>> = {
  queued: 'Queued',
  processing: 'Processing',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** True while a job can still change (and be cancelled). */
export const isActive = (job: Job) => job.status === 'queued' || job.status === 'processing';
