/** Stands in for a secret wherever words about a connection quote it. */
export const REDACTED = '•••';

/**
 * `text` with every secret (the token, the OBS password) masked. Messages come from OBS and the
 * server, which this page does not control, and the page must never show either secret.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter(Boolean).reduce((masked, secret) => masked.split(secret).join(REDACTED), text);
}
