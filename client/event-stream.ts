import { authorization, type FetchLike, type TokenGetter, toFetch } from './fetch-like.js';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from './reconnect-delay.js';
import { type SseMessage, SseParser } from './sse-parser.js';
import { type StudioApiError, toStudioApiError } from './studio-api-error.js';
import { isStudioEventType, type StudioStreamEvent } from './studio-stream-event.js';

/** Where the stream is; `closed` is final (by `close()`, or because the server refused the caller). */
export type EventStreamStatus =
  | { readonly state: 'connecting'; readonly attempt: number }
  | { readonly state: 'open'; readonly channelId: string }
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly state: 'closed'; readonly reason: 'closed' }
  | { readonly state: 'closed'; readonly reason: 'refused'; readonly error: StudioApiError };

/** Timers and time, injectable so tests can check the waits as numbers. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const SYSTEM_CLOCK: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface EventStreamOptions {
  readonly baseUrl: string;
  /** Asked before every connection, so a reconnect uses the newest token. */
  readonly getToken: TokenGetter;
  readonly fetch?: FetchLike;
  /** Resume after this event: the server first replays what came after it. */
  readonly lastEventId?: string;
  readonly onEvent: (event: StudioStreamEvent) => void;
  readonly onStatus?: (status: EventStreamStatus) => void;
  readonly retry?: Partial<ReconnectPolicy>;
  readonly clock?: Clock;
  /** A number in [0, 1) for the jitter of the waits; `Math.random` unless a test fixes it. */
  readonly random?: () => number;
}

export interface EventStream {
  /** The id of the last event received: pass it as `lastEventId` to resume in a later stream. */
  readonly lastEventId: string | undefined;
  /** Stops for good: aborts the connection or the wait for the next one. */
  close(): void;
}

type Attempt =
  | { readonly kind: 'refused'; readonly error: StudioApiError }
  | { readonly kind: 'dropped'; readonly reason: string; readonly healthy: boolean };

/** Statuses that will not change by asking again: bad credentials, a role that may not, a wrong URL. */
const isFinal = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A bug in a caller's handler surfaces as an uncaught error, without breaking the stream. */
function safely<T>(handler: ((value: T) => void) | undefined, value: T): void {
  try {
    handler?.(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

function toStudioEvent(message: SseMessage): StudioStreamEvent | undefined {
  if (!isStudioEventType(message.event)) return undefined;
  try {
    return {
      id: message.lastEventId,
      type: message.event,
      data: JSON.parse(message.data),
    } as StudioStreamEvent;
  } catch {
    return undefined;
  }
}

function readyChannel(data: string): string {
  try {
    const body: unknown = JSON.parse(data);
    return typeof body === 'object' && body !== null && 'channelId' in body ? String(body.channelId) : '';
  } catch {
    return '';
  }
}

/**
 * Follows the caller's channel on `GET /api/v1/events` over `fetch` (so it can send the
 * `Authorization` header), reconnecting with backoff and resuming from the last event seen.
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const random = options.random ?? Math.random;
  const policy = { ...DEFAULT_RECONNECT_POLICY, ...options.retry };
  const fetchEvents = toFetch(options.fetch);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/events`;
  let lastEventId = options.lastEventId;
  let baseMs = policy.baseMs;
  let closed = false;
  let abort: AbortController | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let wake: (() => void) | undefined;

  const report = (status: EventStreamStatus) => safely(options.onStatus, status);

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = clock.setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clock.clearTimeout(handle);
        wake = undefined;
        resolve();
      };
    });

  async function connect(): Promise<Attempt> {
    abort = new AbortController();
    let response: Response;
    try {
      const headers: Record<string, string> = {
        Accept: 'text/event-stream',
        ...(await authorization(options.getToken)),
      };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      response = await fetchEvents(url, { headers, signal: abort.signal });
    } catch (error) {
      return {
        kind: 'dropped',
        reason: `the server could not be reached: ${describe(error)}`,
        healthy: false,
      };
    }
    if (closed) {
      // Closed while the request was on its way, through a fetch that did not honour the abort.
      await response.body?.cancel().catch(() => {});
      return { kind: 'dropped', reason: 'closed', healthy: false };
    }
    if (!response.ok) {
      const error = await toStudioApiError(response);
      if (isFinal(response.status)) return { kind: 'refused', error };
      return {
        kind: 'dropped',
        reason: `the server answered ${response.status} ${error.code}`,
        healthy: false,
      };
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.body || !contentType.startsWith('text/event-stream')) {
      await response.body?.cancel().catch(() => {});
      const what = contentType || 'no content type';
      return { kind: 'dropped', reason: `the server answered ${what}, not an event stream`, healthy: false };
    }

    let openedAt: number | undefined;
    const parser = new SseParser({
      onRetry: (ms) => {
        baseMs = ms;
      },
      onMessage: (message) => {
        if (closed) return;
        if (message.lastEventId) lastEventId = message.lastEventId;
        if (message.event === 'ready') {
          openedAt = clock.now();
          report({ state: 'open', channelId: readyChannel(message.data) });
          return;
        }
        const event = toStudioEvent(message);
        if (event) safely(options.onEvent, event);
      },
    });
    const decoder = new TextDecoder();
    const streamReader = response.body.getReader();
    reader = streamReader;
    let reason = 'the server ended the stream';
    try {
      for (;;) {
        const { value, done } = await streamReader.read();
        if (done || closed) break;
        parser.push(decoder.decode(value, { stream: true }));
        if (parser.lastEventId && !closed) lastEventId = parser.lastEventId;
      }
    } catch (error) {
      reason = `the stream broke: ${describe(error)}`;
    } finally {
      reader = undefined;
      await streamReader.cancel().catch(() => {});
    }
    const healthy = openedAt !== undefined && clock.now() - openedAt >= policy.healthyMs;
    return { kind: 'dropped', reason, healthy };
  }

  async function run() {
    let attempt = 0;
    while (!closed) {
      report({ state: 'connecting', attempt });
      const outcome = await connect();
      if (closed) return;
      if (outcome.kind === 'refused') {
        closed = true;
        report({ state: 'closed', reason: 'refused', error: outcome.error });
        return;
      }
      if (outcome.healthy) attempt = 0;
      const delayMs = reconnectDelay(attempt, { baseMs, maxMs: policy.maxMs }, random);
      attempt += 1;
      report({ state: 'reconnecting', attempt, delayMs, reason: outcome.reason });
      await wait(delayMs);
    }
  }

  void run();
  return {
    get lastEventId() {
      return lastEventId;
    },
    close() {
      if (closed) return;
      closed = true;
      abort?.abort();
      void reader?.cancel().catch(() => {});
      wake?.();
      report({ state: 'closed', reason: 'closed' });
    },
  };
}
