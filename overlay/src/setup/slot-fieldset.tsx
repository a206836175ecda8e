import type { OverlaySlot } from '../../../manifest/overlay-slots.js';
import { NumberField } from './number-field.js';
import type { SlotForm } from './setup-form.js';

export interface SlotFieldsetProps {
  readonly slot: SlotForm;
  readonly onChange: (patch: Partial<Omit<SlotForm, 'name'>>) => void;
}

const EDGES = [
  ['x', 'X'],
  ['y', 'Y'],
  ['width', 'Width'],
  ['height', 'Height'],
] as const satisfies readonly (readonly [keyof OverlaySlot['box'], string])[];

/** One slot: whether the overlay shows it, for how long, and where on the 1920×1080 canvas. */
export function SlotFieldset({ slot, onChange }: SlotFieldsetProps) {
  return (
    <fieldset class="slot" disabled={!slot.enabled}>
      <legend>
        <label class="check">
          <input
            type="checkbox"
            checked={slot.enabled}
            onChange={(event) => onChange({ enabled: event.currentTarget.checked })}
          />
          {slot.label}
        </label>
      </legend>
      <div class="slot-fields">
        <NumberField
          label="Seconds on screen"
          step="any"
          value={slot.showSeconds}
          onInput={(showSeconds) => onChange({ showSeconds })}
        />
        {EDGES.map(([edge, label]) => (
          <NumberField
            key={edge}
            label={label}
            value={slot.box[edge]}
            onInput={(n) => onChange({ box: { ...slot.box, [edge]: n } })}
          />
        ))}
      </div>
    </fieldset>
  );
}
