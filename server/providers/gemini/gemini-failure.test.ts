import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { geminiFailure } from './gemini-failure.js';

const context = { model: 'gemini-2.5-flash-image', timeoutMs: 60_000, apiKey: 'AIza-secret-key' };
const thrown = (error: unknown, extra: { timedOut?: boolean; retryAfterHeader?: string } = {}) =>
  geminiFailure({ kind: 'thrown', error, timedOut: extra.timedOut ?? false, ...extra }, context);
const apiError = (status: number, body: unknown) =>
  new ApiError({ status, message: typeof body === 'string' ? body : JSON.stringify(body) });

describe('geminiFailure', () => {
  it('prefers RetryInfo over Retry-After for a 429', () => {
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }],
      },
    };
    expect(thrown(apiError(429, body), { retryAfterHeader: '3' })).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 12_000,
      details: { httpStatus: 429, reason: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('treats 400 API_KEY_INVALID as a key problem', () => {
    const body = {
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'API key not valid. Please pass a valid API key.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      },
    };
    expect(thrown(apiError(400, body))).toMatchObject({
      code: 'PROVIDER_REJECTED',
      retryable: false,
      details: { setting: 'GEMINI_API_KEY' },
    });
  });

  it('quotes Gemini’s reason for a 400, with the key cut out', () => {
    const body = {
      error: { code: 400, status: 'INVALID_ARGUMENT', message: `bad modality for key ${context.apiKey}` },
    };
    const error = thrown(apiError(400, body));
    expect(error.message).toContain('bad modality for key [key]');
    expect(error.message).not.toContain(context.apiKey);
  });

  it('names the model for a 404', () => {
    expect(thrown(apiError(404, { error: { code: 404, status: 'NOT_FOUND' } })).message).toBe(
      'Gemini has no model "gemini-2.5-flash-image" (HTTP 404 NOT_FOUND). Check GEMINI_MODEL.',
    );
  });

  it('sorts network errors, our timeout and undici’s timeouts', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(thrown(refused)).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      message: 'Could not reach Gemini (ECONNREFUSED).',
    });
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(thrown(abort, { timedOut: true })).toMatchObject({ code: 'PROVIDER_TIMEOUT', retryable: true });
    const headers = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    });
    expect(thrown(headers)).toMatchObject({ code: 'PROVIDER_TIMEOUT' });
    expect(thrown(new SyntaxError('Unexpected token <'))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('a non-JSON error page still gets its status', () => {
    const error = thrown(apiError(502, { error: { message: '<html>', code: 502, status: 'Bad Gateway' } }));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { httpStatus: 502 } });
  });

  it('refuses on safety finish reasons but retries a missing image', () => {
    for (const finishReason of ['SAFETY', 'IMAGE_SAFETY', 'IMAGE_OTHER', 'BLOCKLIST', 'SPII']) {
      expect(geminiFailure({ kind: 'no_image', finishReason, hadText: false }, context)).toMatchObject({
        code: 'CONTENT_POLICY',
        retryable: false,
        details: { reason: `image:${finishReason}` },
      });
    }
    for (const finishReason of ['STOP', 'NO_IMAGE', 'MAX_TOKENS', undefined, 'toString']) {
      const cause = { kind: 'no_image', hadText: true, ...(finishReason ? { finishReason } : {}) } as const;
      expect(geminiFailure(cause, context)).toMatchObject({ code: 'NO_IMAGE', retryable: true });
    }
  });
});
