import { errorText } from './error-text.js';

/** A failed call's reason in a line under the control that made it; nothing while there is none. */
export function ErrorLine({ error, class: className }: { error: unknown; class?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <p class={`small error-line ${className ?? ''}`.trim()} role="alert">
      {errorText(error)}
    </p>
  );
}
