import { useId } from 'preact/hooks';
import { ASSET_TYPES, type AssetType, CATALOGUE, isAssetType } from '../../../server/catalogue/index.js';
import { describedBy, FieldError } from './field-error.js';

export interface RewardTypeSelectProps {
  readonly value: AssetType;
  readonly onChange: (type: AssetType) => void;
  readonly error?: string | undefined;
}

/**
 * What a redemption makes, from the catalogue. The config view's own (not the panel's, with its
 * sizes), so sharing it does not split the panel's bundle.
 */
export function RewardTypeSelect({ value, onChange, error }: RewardTypeSelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label class="label" for={id}>
        Asset type
      </label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isAssetType(chosen)) onChange(chosen);
        }}
      >
        {ASSET_TYPES.map((type) => (
          <option key={type} value={type}>
            {CATALOGUE[type].label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
