import { useEffect, useId } from 'preact/hooks';
import { useBrandKitOptions } from './use-brand-kit-options.js';

export interface BrandKitSelectProps {
  /** The chosen kit's id, or `''` for the channel's default (its active kit). */
  readonly value: string;
  readonly onChange: (kitId: string) => void;
}

/** The brand kit to generate with: the channel's default first, then each kit by name. */
export function BrandKitSelect({ value, onChange }: BrandKitSelectProps) {
  const { kits, failed, reload } = useBrandKitOptions();
  const id = useId();
  const known = value === '' || kits.some((kit) => kit.id === value);
  // A kit deleted in the config view since it was picked: fall back to the default, not to a 404.
  useEffect(() => {
    if (!known) onChange('');
  }, [known]);
  return (
    <div class="generate-kit">
      <label for={id} class="label">
        Brand kit
      </label>
      <select
        id={id}
        value={known ? value : ''}
        onFocus={reload}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">Channel default</option>
        {kits.map((kit) => (
          <option key={kit.id} value={kit.id}>
            {kit.name}
          </option>
        ))}
      </select>
      {failed && <span class="small muted">Brand kits could not be loaded; the default is used.</span>}
    </div>
  );
}
