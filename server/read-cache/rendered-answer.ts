import { createHash } from 'node:crypto';

/** A JSON answer rendered once and kept: its bytes and the strong ETag of exactly those bytes. */
export interface RenderedAnswer {
  readonly body: string;
  readonly etag: string;
}

/** Renders `value` as JSON with an ETag, so a cached answer costs no serialising or hashing per request. */
export function renderAnswer(value: unknown): RenderedAnswer {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
