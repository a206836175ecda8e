export interface FieldErrorProps {
  /** What the field's `aria-describedby` points at. */
  readonly id: string;
  readonly error?: string | undefined;
}

/** A field's error, shown beside it and read out with it. */
export function FieldError({ id, error }: FieldErrorProps) {
  if (!error) return null;
  return (
    <p class="field-error small" id={id}>
      {error}
    </p>
  );
}

/** The ids a field's `aria-describedby` lists: its hint and its error, when shown. */
export function describedBy(id: string, parts: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
