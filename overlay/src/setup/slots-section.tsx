import { type SetupForm, type SlotForm, withSlot } from './setup-form.js';
import { SlotFieldset } from './slot-fieldset.js';

export interface SlotsSectionProps {
  readonly form: SetupForm;
  readonly onForm: (form: SetupForm) => void;
}

/** Which kinds of asset the overlay shows, for how long and where, and whether its status dot shows. */
export function SlotsSection({ form, onForm }: SlotsSectionProps) {
  const change = (name: string) => (patch: Partial<Omit<SlotForm, 'name'>>) =>
    onForm(withSlot(form, name, patch));
  return (
    <section class="card setup-section">
      <h2>What to show</h2>
      <p class="small muted hint">
        Seconds on screen: 0 keeps an asset until the next one. Position and size are pixels of the 1920×1080
        canvas; an asset is scaled to fit its box.
      </p>
      {form.slots.map((slot) => (
        <SlotFieldset key={slot.name} slot={slot} onChange={change(slot.name)} />
      ))}
      <label class="check">
        <input
          type="checkbox"
          checked={form.showStatus}
          onChange={(event) => onForm({ ...form, showStatus: event.currentTarget.checked })}
        />
        Show status dot
      </label>
      <p class="small muted hint">
        A small dot for the server and OBS connections, with the last error in words. Viewers see it too: turn
        it off once everything works.
      </p>
    </section>
  );
}
