import { useId } from 'preact/hooks';
import { ASSET_TYPES, type AssetType, isAssetType } from '../../../server/catalogue/index.js';
import { assetTypeSummary } from './asset-type-summary.js';

export interface AssetTypeSelectProps {
  readonly value: AssetType;
  readonly onChange: (type: AssetType) => void;
}

/** The catalogue's asset types, each with its sizes and whether it keeps transparency. */
export function AssetTypeSelect({ value, onChange }: AssetTypeSelectProps) {
  const id = useId();
  // Labelled by `for`, not by wrapping: a wrapping label's name would take in the chosen option's text.
  return (
    <div class="generate-type">
      <label for={id} class="label">
        Asset type
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isAssetType(chosen)) onChange(chosen);
        }}
      >
        {ASSET_TYPES.map((type) => (
          <option key={type} value={type}>
            {assetTypeSummary(type)}
          </option>
        ))}
      </select>
    </div>
  );
}
