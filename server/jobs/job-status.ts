/** Where a job is in its life. */
export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

/** True once a job has reached the end of its life. */
export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.has(status);
}
