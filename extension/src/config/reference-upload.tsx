import { useId, useRef, useState } from 'preact/hooks';
import { describedBy, FieldError } from './field-error.js';
import { MAX_REFERENCE_LABEL, REFERENCE_TYPES, referenceProblem } from './reference-rules.js';
import { TextField } from './text-field.js';

export interface ReferenceUploadProps {
  readonly busy: boolean;
  /** Uploads the image; answers true once the server has kept it. */
  readonly onUpload: (image: File, label: string) => Promise<boolean>;
}

/** A picture of the subject and what it shows, checked as the server checks them, uploaded at once. */
export function ReferenceUpload({ busy, onUpload }: ReferenceUploadProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState('');
  const problem = file && referenceProblem(file);
  const ready = file !== null && !problem && label.trim() !== '' && !busy;

  const upload = async () => {
    if (!ready || !(await onUpload(file, label.trim()))) return;
    setFile(null);
    setLabel('');
    if (input.current) input.current.value = '';
  };

  return (
    <div class="reference-upload">
      <TextField
        label="What it shows"
        value={label}
        maxLength={MAX_REFERENCE_LABEL}
        hint="Your words for it, e.g. “Mochi, my cat”: shown here, never sent to the model."
        onInput={setLabel}
      />
      <div class="field">
        <label class="label" for={id}>
          Reference image
        </label>
        <input
          ref={input}
          type="file"
          id={id}
          accept={REFERENCE_TYPES.join(',')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(id, { hint: true, error: problem })}
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
        <p class="hint small muted" id={`${id}-hint`}>
          PNG, JPEG or WebP, up to 5 MB.
        </p>
        <FieldError id={`${id}-error`} error={problem ?? undefined} />
      </div>
      <button type="button" disabled={!ready} onClick={() => void upload()}>
        Upload reference
      </button>
    </div>
  );
}
