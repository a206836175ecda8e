import { useId } from 'preact/hooks';
import type { ColourName } from './brand-kit-form-state.js';
import { ColourField } from './colour-field.js';
import { LogoField } from './logo-field.js';
import { SwatchPreview } from './swatch-preview.js';
import { TextField } from './text-field.js';
import type { KitEditor } from './use-kit-editor.js';

const COLOURS: readonly { name: ColourName; label: string }[] = [
  { name: 'primary', label: 'Primary colour' },
  { name: 'secondary', label: 'Secondary colour' },
  { name: 'accent', label: 'Accent colour' },
];

/** Every field of a brand kit, bound to the editor's form; errors sit beside the field they name. */
export function BrandKitFields({ editor }: { readonly editor: KitEditor }) {
  const { form, edit, errors } = editor;
  const error = errors.fields;
  const activeHint = useId();
  return (
    <div class="kit-fields">
      <div class="kit-column">
        <TextField
          label="Name"
          value={form.name}
          maxLength={60}
          error={error.name}
          onInput={(name) => edit({ name }, 'name')}
        />
        <div class="colours">
          <div>
            {COLOURS.map(({ name, label }) => (
              <ColourField
                key={name}
                label={label}
                value={form.colors[name]}
                error={error[`colors.${name}`]}
                onChange={(value) => edit({ colors: { ...form.colors, [name]: value } }, `colors.${name}`)}
              />
            ))}
          </div>
          <SwatchPreview colors={form.colors} name={form.name} />
        </div>
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              checked={form.active}
              aria-describedby={activeHint}
              onChange={(event) => edit({ active: event.currentTarget.checked })}
            />
            Active kit
          </label>
          <p class="hint small muted" id={activeHint}>
            The kit jobs use when a request names none.
          </p>
        </div>
        <LogoField
          current={editor.kit?.logo ?? null}
          pending={editor.logo}
          error={error.logo}
          onChoose={editor.chooseLogo}
        />
      </div>
      <div class="kit-column">
        <TextField
          label="Fonts"
          value={form.fonts}
          hint="Up to 4 typeface names, separated by commas."
          error={error.fonts}
          onInput={(fonts) => edit({ fonts }, 'fonts')}
        />
        <TextField
          label="Tone"
          value={form.tone}
          maxLength={120}
          hint="The mood the assets should carry."
          error={error.tone}
          onInput={(tone) => edit({ tone }, 'tone')}
        />
        <TextField
          label="Style words"
          value={form.styleWords}
          hint="Up to 12 short phrases, separated by commas."
          error={error.styleWords}
          onInput={(styleWords) => edit({ styleWords }, 'styleWords')}
        />
        <TextField
          label="Logo description"
          value={form.logoDescription}
          multiline
          maxLength={300}
          hint="Optional: the logo in words, so the model can echo it."
          error={error.logoDescription}
          onInput={(logoDescription) => edit({ logoDescription }, 'logoDescription')}
        />
      </div>
    </div>
  );
}
