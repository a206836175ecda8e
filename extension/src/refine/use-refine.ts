import type { Job } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { type Action, useAction } from '../ui/use-action.js';
import { useIdempotencyKey } from '../ui/use-idempotency-key.js';

/** Queues refinements: `submit` answers true once the server has queued the job. */
export interface Refine extends Omit<Action, 'run'> {
  readonly submit: (assetId: string, instruction: string) => Promise<boolean>;
}

/** Posts refinements with an `Idempotency-Key`, kept until the server answers, as generations do. */
export function useRefine(onQueued: (job: Job) => void): Refine {
  const { api } = useStudio();
  const { run, busy, error } = useAction();
  const idempotency = useIdempotencyKey();
  const submit = (assetId: string, instruction: string) =>
    run(async () => {
      const job = await api.refine(assetId, instruction, idempotency.keyFor({ assetId, instruction }));
      idempotency.settled();
      onQueued(job);
    });
  return { submit, busy, error };
}
