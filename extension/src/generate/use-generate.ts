import { useRef } from 'preact/hooks';
import type { GenerateInput, Job } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { type Action, useAction } from '../ui/use-action.js';

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
  const pending = useRef<{ body: string; key: string } | null>(null);

  const keyFor = (input: GenerateInput) => {
    const body = JSON.stringify(input);
    if (pending.current?.body !== body) pending.current = { body, key: crypto.randomUUID() };
    return pending.current.key;
  };

  const submit = (input: GenerateInput) =>
    run(async () => {
      const job = await api.generate(input, keyFor(input));
      pending.current = null;
      onQueued?.(job);
    });
  return { submit, busy, error };
}
