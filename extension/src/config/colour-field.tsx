import { useId } from 'preact/hooks';
import { describedBy, FieldError } from './field-error.js';

const HEX = /^#[0-9a-f]{6}$/i;

/** Whether `value` is a colour the API takes (`#rrggbb`). */
export const isHexColour = (value: string) => HEX.test(value.trim());

export interface ColourFieldProps {
  readonly label: string;
  /** The hex text, which may be half-typed. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
}

/**
 * One of a kit's colours: a picker showing its swatch, and its `#rrggbb` text beside it for
 * pasting an exact brand colour. Either one changes the other.
 */
export function ColourField({ label, value, onChange, error }: ColourFieldProps) {
  const id = useId();
  const valid = isHexColour(value);
  const shown = error ?? (valid ? undefined : 'Write it as #rrggbb, e.g. #9146ff.');
  const description = describedBy(id, { error: shown });
  return (
    <div class="field colour-field">
      <label class="label" for={id}>
        {label}
      </label>
      <div class="colour-inputs">
        <input
          type="color"
          id={id}
          value={valid ? value.trim().toLowerCase() : '#000000'}
          aria-describedby={description}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
        <input
          type="text"
          aria-label={`${label} hex`}
          value={value}
          maxLength={7}
          spellcheck={false}
          aria-invalid={shown ? true : undefined}
          aria-describedby={description}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      </div>
      <FieldError id={`${id}-error`} error={shown} />
    </div>
  );
}
