import { useId } from 'preact/hooks';
import { MAX_RAW_USER_TEXT, MAX_USER_TEXT } from '../../../server/prompts/sanitize-user-text.js';
import type { PromptCheck } from './prompt-check.js';

export interface PromptFieldProps {
  readonly value: string;
  readonly check: PromptCheck;
  readonly onInput: (text: string) => void;
  /** Ctrl+Enter (⌘+Enter): what a streamer presses to send without reaching for the mouse. */
  readonly onSubmit: () => void;
  /** What the text is for (default `Prompt`): a refinement asks for an `Instruction`. */
  readonly label?: string;
  readonly placeholder?: string;
}

/** The description, with a counter that counts as the server does and the server's refusal inline. */
export function PromptField({
  value,
  check,
  onInput,
  onSubmit,
  label = 'Prompt',
  placeholder = 'a cat in sunglasses giving a thumbs up',
}: PromptFieldProps) {
  const id = useId();
  const over = check.length > MAX_USER_TEXT;
  return (
    <div class="prompt-field">
      <label for={`${id}-prompt`} class="label">
        {label}
      </label>
      <textarea
        id={`${id}-prompt`}
        value={value}
        rows={3}
        maxLength={MAX_RAW_USER_TEXT}
        placeholder={placeholder}
        aria-describedby={`${id}-count ${id}-note`}
        aria-invalid={check.refusal !== null}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      <div class="prompt-notes small">
        <span id={`${id}-note`} class={check.refusal ? 'prompt-refusal' : 'muted'}>
          {check.refusal ?? (check.sentAs ? `Sent as: ${check.sentAs}` : '')}
        </span>
        <span id={`${id}-count`} class={over ? 'prompt-count prompt-refusal' : 'prompt-count muted'}>
          {`${check.length} / ${MAX_USER_TEXT}`}
        </span>
      </div>
    </div>
  );
}
