import type { Logger } from '../logging/logger.js';
import type { GeneratedImage, ImageProvider, ImageRequest } from '../providers/index.js';
import { classifyError } from './classify-error.js';
import type { ProviderThrottle } from './provider-throttle.js';

/** How long one attempt may wait out rate limits before a 429 ends it as a counted retry. */
export const RATE_LIMIT_PATIENCE_MS = 5 * 60_000;
/** How many 429s one attempt may wait out, whatever the delays (a service saying "retry in 0s"). */
export const MAX_RATE_LIMIT_WAITS = 20;

/**
 * The worker's view of the image provider: every call goes through the process-wide throttle.
 *
 * Rate-limited waits and the retry count (property 13). A 429 says the process — every job in
 * it, and any other process on the same key — is over the quota, not that this job is at fault.
 * So the attempt that met it does not end: the throttle pauses all provider calls for the
 * RetryInfo delay, this job keeps its slot and lease, and it asks again when the pause is over
 * (the worker claims no new jobs meanwhile, so the waiting ones go first). These waits are not
 * retries and never touch `retryCount`, which moves only through `transition()`: property 13
 * (at most 3 counted retries, backoff 1/2/4 s or the provider's delay) holds unchanged. A dead
 * quota (a daily limit) must not hold a job for ever, so once waiting out the next pause would
 * take the attempt past `RATE_LIMIT_PATIENCE_MS`, or after `MAX_RATE_LIMIT_WAITS` 429s, the 429 ends the
 * attempt like any retryable error — counted, and kept in the queue for the RetryInfo delay.
 */
export class ThrottledProvider implements ImageProvider {
  readonly #inner: ImageProvider;
  readonly #throttle: ProviderThrottle;
  readonly #logger: Logger;

  constructor(inner: ImageProvider, throttle: ProviderThrottle, options: { readonly logger: Logger }) {
    this.#inner = inner;
    this.#throttle = throttle;
    this.#logger = options.logger;
  }

  get name(): string {
    return this.#inner.name;
  }

  async generate(request: ImageRequest, options: { signal?: AbortSignal } = {}): Promise<GeneratedImage> {
    const started = Date.now();
    for (let waits = 0; ; waits++) {
      const permit = await this.#throttle.acquire(options.signal);
      let image: GeneratedImage;
      try {
        image = await this.#inner.generate(request, options);
      } catch (error) {
        const failure = classifyError(error);
        if (failure.code !== 'RATE_LIMITED') {
          permit.release();
          throw error;
        }
        if (permit.rateLimited(failure.retryAfterMs)) {
          this.#logger.info(
            { provider: this.name, ...this.#throttle.state() },
            'provider rate limited: slowing down',
          );
        }
        const { pausedUntil } = this.#throttle.state();
        if (waits + 1 >= MAX_RATE_LIMIT_WAITS || pausedUntil - started > RATE_LIMIT_PATIENCE_MS) throw error;
        continue;
      }
      permit.succeeded();
      return image;
    }
  }
}
