import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** One encoding of an answer: its bytes and the strong ETag of exactly those bytes. */
export interface RenderedBody<B extends string | Uint8Array<ArrayBuffer>> {
  readonly body: B;
  readonly etag: string;
}

/**
 * A JSON answer rendered once and kept, with its gzip encoding when that is worth sending: a
 * viewer's browser always accepts gzip, and a gallery page of 20 assets shrinks from 14 KB to
 * about 1.5 KB, which is most of what a raid costs the server (the kernel's send, not our code).
 */
export interface RenderedAnswer extends RenderedBody<string> {
  readonly gzip?: RenderedBody<Uint8Array<ArrayBuffer>>;
}

/** Below this a body goes as it is: gzip would save a few bytes and cost the client a decoder. */
export const COMPRESS_FROM_BYTES = 1024;

const etagOf = (bytes: string | Uint8Array) =>
  `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

/**
 * Renders `value` as JSON with an ETag, and gzips it once when it is large enough, so a cached
 * answer costs no serialising, hashing or compressing per request. Each encoding has its own
 * ETag (they are different bytes), as a shared cache in front expects.
 */
export function renderAnswer(value: unknown): RenderedAnswer {
  const body = JSON.stringify(value);
  const answer = { body, etag: etagOf(body) };
  if (Buffer.byteLength(body) < COMPRESS_FROM_BYTES) return answer;
  const gzipped = gzipSync(body);
  return { ...answer, gzip: { body: gzipped, etag: etagOf(gzipped) } };
}
