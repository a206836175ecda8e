import type { AnswerParts } from '../routes/rendered-response.js';
import { SECURITY_HEADERS } from './response-headers.js';

/** An answer as it goes on the wire: its status, `writeHead`'s flat header list, and its bytes. */
export interface ReadyAnswer {
  readonly status: AnswerParts['status'];
  readonly headers: readonly string[];
  readonly body: AnswerParts['body'];
}

/** A source's answers differ by no more than this many request variants in real use. */
const MAX_VARIANTS = 16;
/**
 * Longer than any browser's `Accept-Encoding`, ETag and origin together. A variant is a key held
 * as long as its source, and a request may send up to 16 KB of headers: without a bound, anyone
 * could park 16 × 16 KB beside every cached file.
 */
const MAX_VARIANT_LENGTH = 512;

/**
 * Answers made ready once per source (a cached job, gallery page or file, which a change replaces
 * rather than edits) and per request variant (the request headers the answer depends on). Making
 * one was most of what an answer from memory cost in JavaScript: its header objects spread three
 * times, then walked by Node key by key (`for…in` on a fresh shape). Measured per answer, server
 * CPU in the same run, old → ready: viewer gallery 57 → 37–40 µs, status poll 46–59 → 39–51 µs
 * (bare Hono: 30–38). Held weakly, so an answer goes when its source leaves the cache; a source
 * asked in more variants than real clients send (made-up ETags or origins), or in one longer than
 * they send, has those made each time, not kept.
 */
export class ReadyAnswers {
  readonly #bySource = new WeakMap<object, Map<string, ReadyAnswer>>();

  /** The ready answer for `source` and `variant`, made from `parts()` the first time. */
  get(source: object, variant: string, parts: () => AnswerParts): ReadyAnswer {
    let variants = this.#bySource.get(source);
    const held = variants?.get(variant);
    if (held) return held;
    const ready = readyAnswer(parts());
    if (variant.length > MAX_VARIANT_LENGTH || (variants && variants.size >= MAX_VARIANTS)) return ready;
    if (!variants) {
      variants = new Map();
      this.#bySource.set(source, variants);
    }
    variants.set(variant, ready);
    return ready;
  }
}

/** The answer with the security headers every response carries, as one flat header list. */
export function readyAnswer({ status, headers, body }: AnswerParts): ReadyAnswer {
  const list: string[] = [];
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...headers })) list.push(name, value);
  return { status, headers: list, body };
}
