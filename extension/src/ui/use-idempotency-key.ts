import { useRef } from 'preact/hooks';

/** The key for a request, and the call that forgets it once the server has answered. */
export interface IdempotencyKey {
  /** The same key for the same body until `settled`; a new one once the body changes. */
  readonly keyFor: (body: unknown) => string;
  readonly settled: () => void;
}

/**
 * One `Idempotency-Key` per request the user means: a double click, or a retry after a lost
 * answer, sends the same body with the same key, so the server makes one job, not two.
 */
export function useIdempotencyKey(): IdempotencyKey {
  const pending = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: unknown) => {
    const text = JSON.stringify(body);
    if (pending.current?.body !== text) pending.current = { body: text, key: crypto.randomUUID() };
    return pending.current.key;
  };
  const settled = () => {
    pending.current = null;
  };
  return { keyFor, settled };
}
