import { useId } from 'preact/hooks';

export interface NumberFieldProps {
  readonly label: string;
  /** NaN while the field is empty. */
  readonly value: number;
  readonly onInput: (value: number) => void;
  readonly step?: number | 'any';
}

/** A labelled number input that hands on what was typed; the overlay's URL parser judges it. */
export function NumberField({ label, value, onInput, step = 1 }: NumberFieldProps) {
  const id = useId();
  return (
    <div class="number-field">
      <label class="label" for={id}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        step={step}
        value={Number.isNaN(value) ? '' : value}
        onInput={(event) => onInput(event.currentTarget.valueAsNumber)}
      />
    </div>
  );
}
