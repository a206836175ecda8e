import type { ColourValues } from './brand-kit-form-state.js';
import { isHexColour } from './colour-field.js';

export interface SwatchPreviewProps {
  readonly colors: ColourValues;
  readonly name: string;
}

/** A colour as CSS, or nothing while its hex is half-typed. */
const paint = (value: string) => (isHexColour(value) ? value.trim() : 'transparent');

/**
 * The three colours together, roughly as an asset would use them: the secondary as ground, the
 * primary as the main shape, the accent for lettering and details.
 */
export function SwatchPreview({ colors, name }: SwatchPreviewProps) {
  return (
    <div
      class="swatch-preview"
      role="img"
      aria-label="The three colours together"
      style={{ background: paint(colors.secondary) }}
    >
      <span
        class="swatch-shape"
        style={{ background: paint(colors.primary), borderColor: paint(colors.accent) }}
      />
      <span class="swatch-name" style={{ color: paint(colors.accent) }}>
        {name.trim() || 'Aa'}
      </span>
      <span class="swatch-strip" aria-hidden="true">
        <span style={{ background: paint(colors.primary) }} />
        <span style={{ background: paint(colors.secondary) }} />
        <span style={{ background: paint(colors.accent) }} />
      </span>
    </div>
  );
}
