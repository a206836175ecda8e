import { useId } from 'preact/hooks';
import type { BrandKit } from '../../../client/index.js';
import { NEW_KIT } from './use-kit-editor.js';

export interface KitPickerProps {
  readonly kits: readonly BrandKit[];
  readonly selectedId: string;
  readonly onSelect: (id: string) => void;
  /** Offer "New brand kit" (not to those who may only look). */
  readonly canCreate: boolean;
}

/** Which kit the form shows: the channel's kits by name, the active one marked, or a new one. */
export function KitPicker({ kits, selectedId, onSelect, canCreate }: KitPickerProps) {
  const id = useId();
  return (
    <div class="field kit-picker">
      <label class="label" for={id}>
        Brand kit to edit
      </label>
      <select id={id} value={selectedId} onChange={(event) => onSelect(event.currentTarget.value)}>
        {kits.map((kit) => (
          <option key={kit.id} value={kit.id}>
            {kit.active ? `${kit.name} (active)` : kit.name}
          </option>
        ))}
        {canCreate && <option value={NEW_KIT}>New brand kit</option>}
      </select>
    </div>
  );
}
