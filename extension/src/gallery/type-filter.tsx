import { useId } from 'preact/hooks';
import { ASSET_TYPES, type AssetType, CATALOGUE } from '../../../server/catalogue/index.js';

export interface TypeFilterProps {
  /** The type shown, or `''` for all of them. */
  readonly value: AssetType | '';
  readonly onChange: (value: AssetType | '') => void;
}

/** The "Type" select: all types, or one of the catalogue's, by the name a streamer calls it. */
export function TypeFilter({ value, onChange }: TypeFilterProps) {
  const id = useId();
  return (
    <div class="type-filter">
      <label for={id}>Type</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value as AssetType | '')}
      >
        <option value="">All types</option>
        {ASSET_TYPES.map((type) => (
          <option key={type} value={type}>
            {CATALOGUE[type].label}
          </option>
        ))}
      </select>
    </div>
  );
}
