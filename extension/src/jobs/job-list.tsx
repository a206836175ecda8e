import type { Job } from '../../../client/index.js';
import { JobItem } from './job-item.js';
import './jobs.css';

export interface JobListProps {
  /** The jobs to show, newest first: `useJobs().jobs`. */
  readonly jobs: readonly Job[];
  /** A job the list queued (Try again) or changed (Cancel): pass `useJobs().track`. */
  readonly onJob: (job: Job) => void;
}

/** The jobs a view follows, each with live progress, cancel, failure reasons and the finished asset. */
export function JobList({ jobs, onJob }: JobListProps) {
  if (jobs.length === 0) return null;
  return (
    <ul class="job-list" aria-label="Jobs">
      {jobs.map((job) => (
        <JobItem key={job.id} job={job} onJob={onJob} />
      ))}
    </ul>
  );
}
