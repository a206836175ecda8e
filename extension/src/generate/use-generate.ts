import type { GenerateInput, Job } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { type Action, useAction } from '../ui/use-action.js';
import { useIdempotencyKey } from '../ui/use-idempotency-key.js';

/** Queues generations: `submit` answers true once the server has queued the job. */
export interface Generate extends Omit<Action, 'run'> {
  readonly submit: (input: GenerateInput) => Promise<boolean>;
}

/**
 * Posts generations with an `Idempotency-Key`: the same request keeps the same key until it
 * succeeds, so a double click, or a retry after a lost answer, never makes a second job.
 */
export function useGenerate(onQueued?: (job: Job) => void): Generate {
  const { api } = useStudio();
  const { run, busy, error } = useAction();
  const idempotency = useIdempotencyKey();

  const submit = (input: GenerateInput) =>
    run(async () => {
      const job = await api.generate(input, idempotency.keyFor(input));
      idempotency.settled();
      onQueued?.(job);
    });
  return { submit, busy, error };
}
