import { useRef, useState } from 'preact/hooks';
import type { Job } from '../../../client/index.js';
import { checkPrompt } from '../generate/prompt-check.js';
import { PromptField } from '../generate/prompt-field.js';
import { ErrorLine } from '../ui/error-line.js';
import { useRefine } from './use-refine.js';

export interface RefineFormProps {
  /** The version to refine. */
  readonly assetId: string;
  readonly onQueued: (job: Job) => void;
}

/** The change to make, in the streamer's words, checked as the server checks it; clears once queued. */
export function RefineForm({ assetId, onQueued }: RefineFormProps) {
  const [instruction, setInstruction] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const check = checkPrompt(instruction);
  const refine = useRefine(onQueued);

  const send = async (event: Event) => {
    event.preventDefault();
    if (!check.acceptable) return;
    if (await refine.submit(assetId, instruction)) setInstruction('');
  };

  return (
    <form ref={form} class="refine-form" onSubmit={send}>
      <PromptField
        label="Instruction"
        placeholder="make the sunglasses pink"
        value={instruction}
        check={check}
        onInput={setInstruction}
        onSubmit={() => form.current?.requestSubmit()}
      />
      <div class="row">
        <button type="submit" class="primary" disabled={refine.busy || !check.acceptable}>
          Refine
        </button>
        {refine.busy && <span class="small muted">Sending…</span>}
      </div>
      <ErrorLine error={refine.error} class="refine-error" />
    </form>
  );
}
