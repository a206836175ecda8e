import { useState } from 'preact/hooks';

export interface SecretInputProps {
  readonly id: string;
  /** What the secret is, for the Show/Hide button's name ("token", "OBS password"). */
  readonly what: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly describedBy?: string;
}

/** A password-type input with a Show/Hide button, so a streamer can check what they pasted off stream. */
export function SecretInput({ id, what, value, onInput, describedBy }: SecretInputProps) {
  const [shown, setShown] = useState(false);
  return (
    <div class="secret">
      <input
        id={id}
        type={shown ? 'text' : 'password'}
        value={value}
        autocomplete="off"
        spellcheck={false}
        aria-describedby={describedBy}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <button
        type="button"
        aria-pressed={shown}
        aria-label={`${shown ? 'Hide' : 'Show'} ${what}`}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
