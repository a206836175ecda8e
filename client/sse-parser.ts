/** One dispatched Server-Sent Event, as the HTML standard's EventSource would hand it over. */
export interface SseMessage {
  /** The `event:` field, `message` when the block had none. */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last `id:` seen on this stream so far (ids carry over to later events, as in EventSource). */
  readonly lastEventId: string;
}

export interface SseParserHandlers {
  readonly onMessage: (message: SseMessage) => void;
  /** A `retry:` field: how long the server asks clients to wait before reconnecting. */
  readonly onRetry?: (ms: number) => void;
}

const LF = 10;
const CR = 13;

/**
 * The `text/event-stream` interpretation rules of the HTML standard, fed decoded text in chunks
 * that may split anywhere (inside a line, or between the CR and LF of a CRLF).
 */
export class SseParser {
  #pending = '';
  /** The previous chunk ended on CR, so an LF opening the next one belongs to the same line end. */
  #afterCr = false;
  #data: string[] = [];
  #event = '';
  #idBuffer = '';
  #lastEventId = '';
  readonly #handlers: SseParserHandlers;

  constructor(handlers: SseParserHandlers) {
    this.#handlers = handlers;
  }

  /** The id of the last event dispatched: what a reconnect sends as `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Takes the next piece of the stream; complete events are dispatched before it returns. */
  push(chunk: string): void {
    let text = chunk;
    if (this.#afterCr && text.charCodeAt(0) === LF) text = text.slice(1);
    this.#afterCr = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      this.#line(this.#pending + text.slice(start, i));
      this.#pending = '';
      if (code === CR) {
        if (i + 1 === text.length) this.#afterCr = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    this.#pending += text.slice(start);
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment, such as the server's keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#handlers.onRetry?.(Number(value));
        break;
      // Other field names are ignored, as the standard says.
    }
  }

  #dispatch(): void {
    this.#lastEventId = this.#idBuffer;
    const event = this.#event || 'message';
    const data = this.#data;
    this.#event = '';
    this.#data = [];
    if (data.length === 0) return;
    this.#handlers.onMessage({ event, data: data.join('\n'), lastEventId: this.#lastEventId });
  }
}
