import { ApiError } from '@google/genai';
import {
  ContentPolicyError,
  NoImageError,
  type ProviderErrorDetails,
  ProviderRejectedError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  type StudioError,
} from '../../errors/index.js';
import { parseGeminiErrorBody } from './gemini-error-body.js';
import { parseRetryAfter } from './retry-delay.js';

/** Everything that can go wrong in one `generateContent` call, before it is given a code. */
export type GeminiFailureCause =
  /** The SDK call threw: an HTTP error (`ApiError`), a network error, or our timeout. */
  | {
      readonly kind: 'thrown';
      readonly error: unknown;
      /** Our per-attempt timeout fired (a cancel by the caller never reaches this function). */
      readonly timedOut: boolean;
      readonly retryAfterHeader?: string | null;
    }
  /** `promptFeedback.blockReason`: the prompt was refused before anything was drawn. */
  | { readonly kind: 'prompt_blocked'; readonly blockReason: string }
  /** No image part in the reply; `finishReason` of the first candidate, if any. */
  | { readonly kind: 'no_image'; readonly finishReason?: string; readonly hadText: boolean }
  /** An image part whose data is not base64 of a readable image. */
  | { readonly kind: 'undecodable_image'; readonly mimeType?: string };

export interface GeminiFailureContext {
  readonly model: string;
  readonly timeoutMs: number;
  /** Only so it can be cut out of any text Gemini sends back; it is never put in a message. */
  readonly apiKey: string;
}

const PROVIDER = 'gemini';

/** Finish reasons that mean "refused", each with what a streamer can do about it. */
const POLICY_ADVICE: Readonly<Record<string, string>> = {
  SAFETY: 'safety filters',
  IMAGE_SAFETY: 'safety filters',
  PROHIBITED_CONTENT: 'prohibited content',
  IMAGE_PROHIBITED_CONTENT: 'prohibited content',
  SPII: 'personal information',
  BLOCKLIST: 'a blocked term',
  RECITATION: 'too close to existing material',
  IMAGE_RECITATION: 'too close to existing material',
  OTHER: 'content rules',
  IMAGE_OTHER: 'content rules',
};

function contentPolicy(reason: string, where: 'prompt' | 'image'): ContentPolicyError {
  const why = POLICY_ADVICE[reason] ?? 'content rules';
  const tip =
    why === 'too close to existing material'
      ? 'Try describing something more original, without named characters or logos.'
      : 'Try rewording it, for example without real people, brands, violence or anything explicit.';
  return new ContentPolicyError(`Gemini declined to draw this description (${why}). ${tip}`, {
    provider: PROVIDER,
    reason: `${where}:${reason}`,
  });
}

/** Gemini's own words for a refused request, shortened and with the key cut out should it ever appear. */
function quote(text: string | undefined, apiKey: string): string {
  if (!text) return '';
  const clean = (apiKey ? text.split(apiKey).join('[key]') : text).replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 197)}…` : clean;
}

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function httpFailure(
  error: ApiError,
  retryAfterHeader: string | null | undefined,
  context: GeminiFailureContext,
): StudioError {
  const body = parseGeminiErrorBody(error.message);
  const httpStatus = error.status;
  const label = `HTTP ${httpStatus}${body.status ? ` ${body.status}` : ''}`;
  const details = (extra: Partial<ProviderErrorDetails> = {}): ProviderErrorDetails => ({
    provider: PROVIDER,
    httpStatus,
    ...(body.status ? { reason: body.status } : {}),
    ...extra,
  });
  if (httpStatus === 429) {
    const retryAfterMs = body.retryDelayMs ?? parseRetryAfter(retryAfterHeader);
    return new RateLimitedError(`Gemini's request quota is used up for now (${label}).`, {
      details: details(),
      cause: error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (httpStatus === 408) {
    return new ProviderTimeoutError(`Gemini gave up on the request (${label}).`, details(), error);
  }
  if (httpStatus >= 500) {
    return new ProviderUnavailableError(`Gemini is unavailable right now (${label}).`, details(), error);
  }
  const keyRefused =
    httpStatus === 401 ||
    httpStatus === 403 ||
    body.reason === 'API_KEY_INVALID' ||
    /api key/i.test(body.message ?? '');
  if (keyRefused) {
    return new ProviderRejectedError(
      `Gemini refused the API key (${label}). Check GEMINI_API_KEY.`,
      details({ setting: 'GEMINI_API_KEY' }),
      error,
    );
  }
  if (httpStatus === 404) {
    return new ProviderRejectedError(
      `Gemini has no model "${context.model}" (${label}). Check GEMINI_MODEL.`,
      details({ setting: 'GEMINI_MODEL' }),
      error,
    );
  }
  const said = quote(body.message, context.apiKey);
  return new ProviderRejectedError(
    `Gemini rejected the request (${label}${said ? `: ${said}` : ''}). Check that GEMINI_MODEL is an image model.`,
    details({ setting: 'GEMINI_MODEL' }),
    error,
  );
}

/**
 * The one place a Gemini failure — thrown by the SDK or read from a reply — becomes a domain
 * error with a stable code and the retryability the worker acts on. Gemini's wire shapes stop here.
 */
export function geminiFailure(cause: GeminiFailureCause, context: GeminiFailureContext): StudioError {
  switch (cause.kind) {
    case 'prompt_blocked':
      return contentPolicy(cause.blockReason, 'prompt');
    case 'no_image':
      if (cause.finishReason && Object.hasOwn(POLICY_ADVICE, cause.finishReason))
        return contentPolicy(cause.finishReason, 'image');
      return new NoImageError(
        cause.hadText
          ? 'Gemini answered with text instead of an image.'
          : 'Gemini answered without an image.',
        { provider: PROVIDER, ...(cause.finishReason ? { reason: cause.finishReason } : {}) },
      );
    case 'undecodable_image':
      return new NoImageError('Gemini sent an image that could not be decoded.', {
        provider: PROVIDER,
        reason: `undecodable ${cause.mimeType ?? 'image'}`,
      });
    case 'thrown': {
      const { error } = cause;
      if (error instanceof ApiError) return httpFailure(error, cause.retryAfterHeader, context);
      const code = errorCode(error);
      if (cause.timedOut || (code && UNDICI_TIMEOUTS.has(code))) {
        return new ProviderTimeoutError(
          `Gemini did not answer within ${Math.round(context.timeoutMs / 1000)} s (GEMINI_TIMEOUT_MS).`,
          { provider: PROVIDER, ...(code ? { reason: code } : {}) },
          error,
        );
      }
      if (error instanceof SyntaxError) {
        return new ProviderUnavailableError(
          'Gemini sent a reply that is not JSON.',
          { provider: PROVIDER },
          error,
        );
      }
      return new ProviderUnavailableError(
        `Could not reach Gemini${code ? ` (${code})` : ''}.`,
        { provider: PROVIDER, ...(code ? { reason: code } : {}) },
        error,
      );
    }
  }
}
