import { useId } from 'preact/hooks';
import { SecretInput } from './secret-input.js';
import { TokenHelp } from './token-help.js';
import { TokenVerdict } from './token-verdict.js';
import type { TokenCheck } from './use-token-check.js';

export interface TokenFieldProps {
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly check: TokenCheck;
  readonly origin: string;
}

/** The API token the overlay connects with, what the server says about it, and how to make one. */
export function TokenField({ value, onInput, check, origin }: TokenFieldProps) {
  const id = useId();
  return (
    <section class="card setup-section">
      <h2>
        <label for={id}>API token</label>
      </h2>
      <SecretInput id={id} what="token" value={value} onInput={onInput} describedBy={`${id}-verdict`} />
      <TokenVerdict id={`${id}-verdict`} check={check} />
      <TokenHelp origin={origin} />
    </section>
  );
}
