import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeGeminiPng, requestedBackground } from './fake-gemini-images.js';
import {
  formatDuration,
  googleError,
  httpErrorBody,
  rateLimitBody,
  usageMetadata,
} from './fake-gemini-replies.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** What the fake does with one request. Steps are taken in order; once they run out, `ok`. */
export type FakeGeminiStep =
  /** A PNG at the requested aspect ratio; `text` adds a text part before it. */
  | { readonly kind: 'ok'; readonly text?: string }
  /** 429 RESOURCE_EXHAUSTED with `RetryInfo.retryDelay` (null leaves it out) and an optional `Retry-After` header. */
  | { readonly kind: 'rate_limit'; readonly retryDelay?: string | null; readonly retryAfter?: string }
  /** A server error; 502 comes back as an HTML page, as Google's front end sends it. */
  | { readonly kind: 'server_error'; readonly status?: 500 | 502 | 503 | 504 }
  /** Waits `delayMs` before answering with an image (for timeouts and cancels). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** `promptFeedback.blockReason` and no candidates. */
  | { readonly kind: 'prompt_blocked'; readonly blockReason?: string }
  /** A candidate that stopped with `finishReason` and no image. */
  | { readonly kind: 'finish_reason'; readonly finishReason: string }
  /** A candidate with text only. */
  | { readonly kind: 'text_only'; readonly text?: string }
  /** An image part whose data is not valid base64. */
  | { readonly kind: 'malformed_base64' }
  /** 400 INVALID_ARGUMENT (generic), 401, 403, or 404 for the model, with Google's bodies. */
  | { readonly kind: 'http_error'; readonly status: 400 | 401 | 403 | 404 }
  /** Drops the connection without answering (a network error). */
  | { readonly kind: 'disconnect' }
  /** 400 API_KEY_INVALID whose message repeats the request's `x-goog-api-key`, as some Google errors do. */
  | { readonly kind: 'echo_key' };

/** One request as it arrived, and what it was answered with. */
export interface FakeGeminiRequest {
  /** `Date.now()` when it arrived. */
  readonly at: number;
  readonly path: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly aspectRatio: string | undefined;
  readonly responseModalities: readonly string[];
  readonly prompt: string;
  /** Every part of the user turn, in order: `text` or the inline data's MIME type. */
  readonly parts: readonly string[];
  readonly referenceImages: readonly {
    readonly mimeType: string;
    readonly bytes: number;
    /** Hex SHA-256 of the decoded bytes, to compare with `imageSha256` of an earlier answer. */
    readonly sha256: string;
  }[];
  /** Hex SHA-256 of the image answered, when one was. */
  imageSha256?: string;
  /** The HTTP status answered; 0 when the connection was dropped. */
  status: number;
  /** The step taken, or `quota` for a 429 from quota mode. */
  outcome: FakeGeminiStep['kind'] | 'quota';
  /** The client went away before the answer was sent. */
  aborted: boolean;
}

export interface FakeGeminiOptions {
  /** When set, any other `x-goog-api-key` gets Gemini's 400 API_KEY_INVALID. */
  readonly apiKey?: string;
  /** At most `limit` accepted requests in any `windowMs` (rolling); above it, 429 with RetryInfo. */
  readonly quota?: { readonly limit: number; readonly windowMs: number };
  /** Every answer waits this long (image generation is not instant). */
  readonly latencyMs?: number;
}

type GeminiRequestBody = {
  contents?: { parts?: { text?: string; inlineData?: { mimeType?: string; data?: string } }[] }[];
  generationConfig?: { responseModalities?: string[]; imageConfig?: { aspectRatio?: string } };
};

/** The `ErrorInfo` detail Google adds when it refuses a key. */
const API_KEY_INVALID = {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason: 'API_KEY_INVALID',
  domain: 'googleapis.com',
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A local HTTP server that speaks Gemini's REST API the way `@google/genai` 2.x calls it
 * (`POST /v1beta/models/{model}:generateContent`, key in `x-goog-api-key`), so tests run the real
 * SDK against it through `GEMINI_BASE_URL`. Faults are scripted per request; every request is logged.
 */
export class FakeGeminiServer {
  readonly requests: FakeGeminiRequest[] = [];
  #steps: FakeGeminiStep[] = [];
  #accepted: number[] = [];
  readonly #server: Server;
  readonly #options: FakeGeminiOptions;
  #url = '';

  private constructor(options: FakeGeminiOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts a fake on 127.0.0.1 at a free port. */
  static async start(options: FakeGeminiOptions = {}): Promise<FakeGeminiServer> {
    const fake = new FakeGeminiServer(options);
    await new Promise<void>((ready) => fake.#server.listen(0, '127.0.0.1', ready));
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The base URL to give the SDK (`GEMINI_BASE_URL`). */
  get url(): string {
    return this.#url;
  }

  /** Queues what the next requests get, in order. */
  script(...steps: FakeGeminiStep[]): this {
    this.#steps.push(...steps);
    return this;
  }

  /** Forgets the log and any steps not taken yet. */
  reset(): void {
    this.requests.length = 0;
    this.#steps = [];
  }

  /** Requests that got an image. */
  get succeeded(): FakeGeminiRequest[] {
    return this.requests.filter((r) => r.status === 200 && (r.outcome === 'ok' || r.outcome === 'slow'));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((done) => this.#server.close(() => done()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url?.split('?')[0] ?? '';
    const route = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
    if (req.method !== 'POST' || !route) {
      json(res, 404, googleError(404, 'NOT_FOUND', `no route ${req.method} ${path}`));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as GeminiRequestBody;
    const parts = body.contents?.flatMap((content) => content.parts ?? []) ?? [];
    const prompt = parts.map((part) => part.text ?? '').join('\n');
    const entry: FakeGeminiRequest = {
      at,
      path,
      model: decodeURIComponent(route[1]!),
      apiKey: req.headers['x-goog-api-key'] as string | undefined,
      aspectRatio: body.generationConfig?.imageConfig?.aspectRatio,
      responseModalities: body.generationConfig?.responseModalities ?? [],
      prompt,
      parts: parts.map((part) => (part.text === undefined ? (part.inlineData?.mimeType ?? '?') : 'text')),
      referenceImages: parts.flatMap((part) =>
        part.inlineData
          ? [
              {
                mimeType: part.inlineData.mimeType ?? '',
                bytes: Buffer.from(part.inlineData.data ?? '', 'base64').length,
                sha256: sha256(Buffer.from(part.inlineData.data ?? '', 'base64')),
              },
            ]
          : [],
      ),
      status: 0,
      outcome: 'ok',
      aborted: false,
    };
    this.requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    // Key and quota are checked on arrival, as Google does: a 429 comes back at once.
    if (!this.#refuse(entry, res)) {
      if (this.#options.latencyMs) await new Promise((r) => setTimeout(r, this.#options.latencyMs));
      await this.#answer(entry, res);
    }
  }

  /** Answers a wrong key or a request over the quota; false when the request may go on. */
  #refuse(entry: FakeGeminiRequest, res: ServerResponse): boolean {
    if (this.#options.apiKey !== undefined && entry.apiKey !== this.#options.apiKey) {
      entry.outcome = 'http_error';
      json(
        res,
        400,
        googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
          API_KEY_INVALID,
        ]),
      );
      return true;
    }
    const wait = this.#quotaWait(entry.at);
    if (wait === undefined) return false;
    entry.outcome = 'quota';
    json(res, 429, rateLimitBody(formatDuration(wait)));
    return true;
  }

  async #answer(entry: FakeGeminiRequest, res: ServerResponse): Promise<void> {
    const step = this.#steps.shift() ?? { kind: 'ok' };
    entry.outcome = step.kind;
    const model = { modelVersion: entry.model, responseId: `fake-${this.requests.length}` };
    const meta = { usageMetadata: usageMetadata(entry.prompt, entry.referenceImages.length), ...model };
    const image = async () => {
      const png = await fakeGeminiPng(entry.aspectRatio ?? '1:1', requestedBackground(entry.prompt));
      entry.imageSha256 = sha256(png);
      return { inlineData: { mimeType: 'image/png', data: png.toString('base64') } };
    };
    const candidate = (parts: unknown[]) => ({
      candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
      ...meta,
    });
    switch (step.kind) {
      case 'ok':
        json(res, 200, candidate([...(step.text ? [{ text: step.text }] : []), await image()]));
        return;
      case 'slow':
        await new Promise((r) => setTimeout(r, step.delayMs));
        if (!res.destroyed) json(res, 200, candidate([await image()]));
        return;
      case 'rate_limit':
        json(
          res,
          429,
          rateLimitBody(step.retryDelay === undefined ? '38s' : step.retryDelay),
          step.retryAfter ? { 'retry-after': step.retryAfter } : {},
        );
        return;
      case 'server_error': {
        const status = step.status ?? 503;
        if (status === 502) {
          res.writeHead(502, { 'content-type': 'text/html; charset=UTF-8' });
          res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          return;
        }
        const names = { 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' } as const;
        const text =
          status === 503
            ? 'The model is overloaded. Please try again later.'
            : 'An internal error has occurred.';
        json(res, status, googleError(status, names[status], text));
        return;
      }
      case 'prompt_blocked':
        json(res, 200, {
          promptFeedback: { blockReason: step.blockReason ?? 'PROHIBITED_CONTENT' },
          ...meta,
        });
        return;
      case 'finish_reason':
        json(res, 200, { candidates: [{ finishReason: step.finishReason, index: 0 }], ...meta });
        return;
      case 'text_only':
        json(res, 200, candidate([{ text: step.text ?? 'Here is a description of the emote instead.' }]));
        return;
      case 'malformed_base64':
        json(
          res,
          200,
          candidate([{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo$$not*base64' } }]),
        );
        return;
      case 'http_error':
        json(res, step.status, httpErrorBody(step.status, entry.model));
        return;
      case 'disconnect':
        res.socket?.destroy();
        return;
      case 'echo_key':
        json(
          res,
          400,
          googleError(
            400,
            'INVALID_ARGUMENT',
            `API key not valid. Please pass a valid API key. key=${entry.apiKey ?? ''}`,
            [API_KEY_INVALID],
          ),
        );
        return;
    }
  }

  /** Quota mode: how long until a slot frees, or undefined when this request is within the quota. */
  #quotaWait(now: number): number | undefined {
    const quota = this.#options.quota;
    if (!quota) return undefined;
    this.#accepted = this.#accepted.filter((t) => t > now - quota.windowMs);
    if (this.#accepted.length < quota.limit) {
      this.#accepted.push(now);
      return undefined;
    }
    return this.#accepted[0]! + quota.windowMs - now;
  }
}
