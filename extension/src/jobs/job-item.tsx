import type { Job } from '../../../client/index.js';
import { CATALOGUE } from '../../../server/catalogue/index.js';
import { useStudio } from '../studio/studio-context.js';
import { ErrorLine } from '../ui/error-line.js';
import { useAction } from '../ui/use-action.js';
import { failureCause } from './failure-reason.js';
import { JobAssets } from './job-assets.js';
import { JobFailure } from './job-failure.js';
import { JobProgress } from './job-progress.js';
import { isActive, STATUS_WORDS } from './status-word.js';

export interface JobItemProps {
  readonly job: Job;
  /** A job this item queued (Try again) or changed (Cancel). */
  readonly onJob: (job: Job) => void;
}

/** One job: its prompt, status word and progress; cancel while it runs; the reason when it failed; the result when done. */
export function JobItem({ job, onJob }: JobItemProps) {
  const { api, capabilities } = useStudio();
  const cancel = useAction();
  const retrying = job.status === 'queued' && job.retryCount > 0 && job.errorCode;
  return (
    <li class={`job card job-${job.status}`} data-job-id={job.id}>
      <div class="job-head">
        {/* Spaces between the parts, so the row's text reads "Done Emote", not "DoneEmote". */}
        <span class="job-status">{STATUS_WORDS[job.status]}</span>{' '}
        {job.status === 'processing' && <span class="small muted">{job.progress}%</span>}{' '}
        <span class="job-type small muted">{CATALOGUE[job.assetType].label}</span>{' '}
        {isActive(job) && capabilities.permissions['job.cancel'] && (
          <button
            type="button"
            class="job-cancel"
            disabled={cancel.busy}
            onClick={() => cancel.run(async () => onJob(await api.cancelJob(job.id)))}
          >
            Cancel
          </button>
        )}
      </div>
      <p class="job-prompt">{job.prompt}</p>
      <JobProgress job={job} />
      {retrying && (
        <p class="small muted">
          {failureCause(job)}; trying again by itself (attempt {job.retryCount + 1}).
        </p>
      )}
      <ErrorLine error={cancel.error} class="job-reason" />
      {job.status === 'failed' && <JobFailure job={job} onQueued={onJob} />}
      {job.status === 'completed' && <JobAssets jobId={job.id} />}
    </li>
  );
}
