import { useEffect, useRef, useState } from 'preact/hooks';

export interface DeleteControlProps {
  readonly busy: boolean;
  readonly onConfirm: () => void;
}

/** "Delete", then a second, explicit "Confirm delete" (or "Keep"): deleting removes every file for good. */
export function DeleteControl({ busy, onConfirm }: DeleteControlProps) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const remove = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: onto the safe answer when asked, back to Delete when kept.
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (asked.current) remove.current?.focus();
    asked.current = asking;
  }, [asking]);

  if (!asking)
    return (
      <button ref={remove} type="button" class="danger" disabled={busy} onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  return (
    <span class="delete-confirm row">
      <span class="small">Delete for good?</span>
      <button type="button" class="danger" disabled={busy} onClick={onConfirm}>
        Confirm delete
      </button>
      <button ref={keep} type="button" disabled={busy} onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}
