import { type GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { GeneratedImage, ImageProvider, ImageRequest } from '../image-provider.js';
import { geminiFailure } from './gemini-failure.js';
import { readGeminiReply } from './gemini-reply.js';
import { toGenerateContentParameters } from './gemini-request.js';

export interface GeminiProviderOptions {
  readonly apiKey: string;
  /** A Gemini image model id, such as `gemini-2.5-flash-image`. */
  readonly model: string;
  /** Another endpoint than Google's (a proxy, or the fake server in tests). */
  readonly baseUrl?: string | undefined;
  /** How long one attempt may take, reply body included. */
  readonly timeoutMs: number;
}

/**
 * Images from Gemini ("Nano Banana") through `@google/genai`. One `generate` is one HTTP
 * request: it never retries; every failure leaves as a `StudioError` sorted by `geminiFailure`,
 * and the worker decides what happens next.
 */
export class GeminiImageProvider implements ImageProvider {
  readonly name = 'gemini';
  readonly model: string;
  readonly #client: GoogleGenAI;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor(options: GeminiProviderOptions) {
    this.model = options.model;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs;
    this.#client = new GoogleGenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
    });
  }

  async generate(request: ImageRequest, options: { signal?: AbortSignal } = {}): Promise<GeneratedImage> {
    const { signal } = options;
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let retryAfterHeader: string | null = null;
    // The SDK's ApiError keeps only status and body; this fetch notes the Retry-After header.
    // A custom fetch also means undici's own 300 s header/body limits apply to the request.
    const noteHeaders: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (!response.ok) retryAfterHeader = response.headers.get('retry-after');
      return response;
    };
    const context = { model: this.model, timeoutMs: this.#timeoutMs, apiKey: this.#apiKey };
    let reply: GenerateContentResponse;
    try {
      reply = await this.#client.models.generateContent(
        toGenerateContentParameters(request, {
          model: this.model,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          fetch: noteHeaders,
        }),
      );
    } catch (error) {
      // A cancel is the caller's, not a provider failure: it leaves with the caller's reason.
      if (signal?.aborted) throw signal.reason;
      throw geminiFailure({ kind: 'thrown', error, timedOut: timeout.aborted, retryAfterHeader }, context);
    }
    const read = await readGeminiReply(reply);
    if (!read.ok) throw geminiFailure(read.cause, context);
    return {
      data: read.data,
      mimeType: read.mimeType,
      model: read.modelVersion ?? this.model,
      usage: read.usage,
    };
  }
}
