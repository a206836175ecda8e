import { useEffect, useId, useRef } from 'preact/hooks';
import type { BrandKit } from '../../../client/index.js';
import { describedBy, FieldError } from './field-error.js';
import { LOGO_TYPES } from './logo-rules.js';
import { useObjectUrl } from './use-object-url.js';

export interface LogoFieldProps {
  /** The kit's uploaded logo, if it has one. */
  readonly current: BrandKit['logo'];
  /** A file chosen but not yet uploaded (it goes up when the kit is saved). */
  readonly pending: File | null;
  readonly onChoose: (file: File) => void;
  readonly error?: string | undefined;
}

/** The kit's logo: a preview (the chosen file, else the uploaded one) and a picker. */
export function LogoField({ current, pending, onChoose, error }: LogoFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const pendingUrl = useObjectUrl(pending);
  const src = pendingUrl ?? current?.url;
  const hint = pending ? `${pending.name} is uploaded when you save.` : 'PNG, JPEG or WebP, up to 2 MB.';

  // Once the chosen file is uploaded (or dropped), the picker should not still name it.
  useEffect(() => {
    if (!pending && input.current) input.current.value = '';
  }, [pending]);

  return (
    <div class="field logo-field">
      <label class="label" for={id}>
        Logo
      </label>
      <div class="logo-row">
        <div class="logo-preview checker">
          {src ? <img src={src} alt="Logo preview" /> : <span class="muted small">No logo</span>}
        </div>
        <div class="logo-pick">
          <input
            ref={input}
            type="file"
            id={id}
            accept={LOGO_TYPES.join(',')}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, { hint, error })}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) onChoose(file);
            }}
          />
          <p class="hint small muted" id={`${id}-hint`}>
            {hint}
          </p>
        </div>
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
