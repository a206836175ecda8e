/** The shortest pause a 429 causes, so a service answering "retry in 0s" cannot make us spin. */
export const MIN_PAUSE_MS = 100;
/** The pause after a 429 that names no delay; it doubles for each such 429 in a row, up to the cap. */
export const BLIND_PAUSE_MS = 1000;
export const MAX_BLIND_PAUSE_MS = 60_000;
/** A paused throttle re-reads the clock at least this often, so it ends on time even if timers drift. */
const CLOCK_SLICE_MS = 250;

/** One provider call the throttle let through; report how it went, once. */
export interface ThrottlePermit {
  /** The service answered (not with a 429): one more call may run at once, up to the maximum. */
  succeeded(): void;
  /** A 429: pause every call for `retryAfterMs` and halve the calls allowed at once. True when this started a slowdown. */
  rateLimited(retryAfterMs?: number): boolean;
  /** Any other failure (network, 5xx, cancel): says nothing about the quota. */
  release(): void;
}

export interface ThrottleState {
  /** Provider calls allowed at once now (1 … maxConcurrency). */
  readonly limit: number;
  readonly inFlight: number;
  readonly waiting: number;
  /** `Date.now()` before which no call starts; 0 once the pause is over. */
  readonly pausedUntil: number;
}

export interface ProviderThrottleOptions {
  /** The most calls at once, and where the limit climbs back to (WORKER_CONCURRENCY). */
  readonly maxConcurrency: number;
  /** Called when a pause ends, so the owner can start claiming again. */
  readonly onOpen?: () => void;
}

interface Waiter {
  readonly grant: (permit: ThrottlePermit) => void;
}

/**
 * The process-wide gate in front of the image provider, adapting to rate limits (AIMD): a 429
 * pauses every call until the delay the service asked for has passed and halves how many calls
 * may run at once; each success adds one back, up to the configured concurrency. Several 429s
 * from one burst (calls sent before the first of them came back) count as one slowdown.
 * Callers wait in arrival order.
 */
export class ProviderThrottle {
  readonly #max: number;
  readonly #onOpen: (() => void) | undefined;
  #limit: number;
  #inFlight = 0;
  #pausedUntil = 0;
  /** Bumped at each slowdown; a 429 for a call granted before the bump does not halve again. */
  #epoch = 0;
  /** Slowdowns in a row without a success, for the blind pause. */
  #strikes = 0;
  #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ProviderThrottleOptions) {
    this.#max = Math.max(1, options.maxConcurrency);
    this.#limit = this.#max;
    this.#onOpen = options.onOpen;
  }

  /** True while a 429's delay is running: no provider call starts. */
  get paused(): boolean {
    return Date.now() < this.#pausedUntil;
  }

  state(): ThrottleState {
    return {
      limit: this.#limit,
      inFlight: this.#inFlight,
      waiting: this.#waiters.length,
      pausedUntil: this.#pausedUntil,
    };
  }

  /** Waits until a call may start (not paused, under the limit); rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<ThrottlePermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (permit) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#pump();
    });
  }

  #permit(): ThrottlePermit {
    const epoch = this.#epoch;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      this.#inFlight -= 1;
      return true;
    };
    return {
      succeeded: () => {
        if (!settle()) return;
        this.#strikes = 0;
        this.#limit = Math.min(this.#max, this.#limit + 1);
        this.#pump();
      },
      rateLimited: (retryAfterMs) => {
        if (!settle()) return false;
        const fresh = epoch === this.#epoch;
        if (fresh) {
          this.#epoch += 1;
          this.#strikes += 1;
          this.#limit = Math.max(1, Math.floor(this.#limit / 2));
        }
        const blind = Math.min(MAX_BLIND_PAUSE_MS, BLIND_PAUSE_MS * 2 ** Math.max(0, this.#strikes - 1));
        const pauseMs = Math.max(MIN_PAUSE_MS, retryAfterMs ?? blind);
        this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + pauseMs);
        this.#pump();
        return fresh;
      },
      release: () => {
        if (settle()) this.#pump();
      },
    };
  }

  /** Grants waiting calls while there is room, or sleeps until the pause ends. */
  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const remaining = this.#pausedUntil - Date.now();
    if (remaining > 0) {
      this.#timer = setTimeout(() => this.#pump(), Math.min(remaining, CLOCK_SLICE_MS));
      this.#timer.unref();
      return;
    }
    if (this.#pausedUntil !== 0) {
      this.#pausedUntil = 0;
      this.#onOpen?.();
    }
    while (this.#waiters.length > 0 && this.#inFlight < this.#limit) {
      this.#inFlight += 1;
      this.#waiters.shift()!.grant(this.#permit());
    }
  }
}
