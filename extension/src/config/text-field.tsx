import { useId } from 'preact/hooks';
import { describedBy, FieldError } from './field-error.js';

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly error?: string | undefined;
  /** A line under the field saying what it takes. */
  readonly hint?: string;
  readonly multiline?: boolean;
  readonly maxLength?: number;
  /** `numeric` for a whole number: a phone shows digits, and the text is kept as typed for checking. */
  readonly inputMode?: 'numeric';
}

/** A labelled text input (or textarea) with its hint and its error beside it. */
export function TextField({
  label,
  value,
  onInput,
  error,
  hint,
  multiline,
  maxLength,
  inputMode,
}: TextFieldProps) {
  const id = useId();
  const props = {
    id,
    value,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, { hint, error }),
    onInput: (event: { currentTarget: { value: string } }) => onInput(event.currentTarget.value),
  };
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" inputMode={inputMode} {...props} />}
      {hint && (
        <p class="hint small muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
