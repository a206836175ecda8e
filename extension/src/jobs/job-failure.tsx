import { useState } from 'preact/hooks';
import type { Job } from '../../../client/index.js';
import { useGenerate } from '../generate/use-generate.js';
import { useStudio } from '../studio/studio-context.js';
import { ErrorLine } from '../ui/error-line.js';
import { failureReason } from './failure-reason.js';

export interface JobFailureProps {
  readonly job: Job;
  readonly onQueued: (job: Job) => void;
}

/** Why a job failed, and "Try again", which queues the same type and prompt as a new job (once). */
export function JobFailure({ job, onQueued }: JobFailureProps) {
  const { capabilities } = useStudio();
  const [again, setAgain] = useState(false);
  const retry = useGenerate((queued) => {
    setAgain(true);
    onQueued(queued);
  });
  return (
    <div class="job-failure">
      <p class="job-reason">{failureReason(job)}</p>
      {again && <p class="small muted">Queued again: see the newest job.</p>}
      {!again && capabilities.permissions['job.create'] && (
        <button
          type="button"
          disabled={retry.busy}
          onClick={() => retry.submit({ assetType: job.assetType, prompt: job.prompt })}
        >
          Try again
        </button>
      )}
      <ErrorLine error={retry.error} class="job-reason" />
    </div>
  );
}
