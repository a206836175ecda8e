import type { Job } from '../../../client/index.js';
import { failureReason } from '../jobs/failure-reason.js';
import { JobProgress } from '../jobs/job-progress.js';
import { isActive, STATUS_WORDS } from '../jobs/status-word.js';

/** The refinement queued here: its status and progress, why it failed, or that the new version is in. */
export function RefineProgress({ job }: { job: Job }) {
  return (
    <div class={`refine-progress job-${job.status}`} data-job-id={job.id}>
      <p class="small">
        <span class="job-status">{STATUS_WORDS[job.status]}</span>{' '}
        {job.status === 'processing' && <span class="muted">{job.progress}% </span>}
        <span class="muted">“{job.prompt}”</span>
      </p>
      {isActive(job) && <JobProgress job={job} />}
      {job.status === 'failed' && <p class="small job-reason">{failureReason(job)}</p>}
    </div>
  );
}
