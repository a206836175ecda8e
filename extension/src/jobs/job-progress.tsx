import type { Job } from '../../../client/index.js';

/** A job's progress as a bar that assistive technology reads as a percentage. */
export function JobProgress({ job }: { job: Job }) {
  return (
    <div
      class={`progress job-progress job-progress-${job.status}`}
      role="progressbar"
      aria-label="Progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={job.progress}
    >
      <span style={{ width: `${job.progress}%` }} />
    </div>
  );
}
