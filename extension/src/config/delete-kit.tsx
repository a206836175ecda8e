import { useEffect, useRef, useState } from 'preact/hooks';

export interface DeleteKitProps {
  readonly name: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
}

/** "Delete brand kit", asked again before anything is deleted; "Keep" backs out. */
export function DeleteKit({ name, busy, onConfirm }: DeleteKitProps) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer takes the focus, so a second Enter does not delete.
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  if (!asking)
    return (
      <button type="button" class="danger" disabled={busy} onClick={() => setAsking(true)}>
        Delete brand kit
      </button>
    );
  return (
    <fieldset class="confirm-delete">
      <legend>Delete “{name}”?</legend>
      <p class="small muted">Its logo goes with it. Assets already made keep their look.</p>
      <div class="row">
        <button type="button" class="danger" disabled={busy} onClick={onConfirm}>
          Confirm delete
        </button>
        <button type="button" ref={keep} disabled={busy} onClick={() => setAsking(false)}>
          Keep
        </button>
      </div>
    </fieldset>
  );
}
