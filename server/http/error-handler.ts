import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StudioError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { ErrorCode } from '../vocabulary/index.js';

/** The one JSON error body of the API: `{ error: { code, message, details? } }`. */
export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Turns every error into the API's error body. Domain errors keep their code and message;
 * anything unexpected is logged and answered with a generic 500 that reveals nothing.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return function onError(error: Error, c: Context) {
    if (error instanceof StudioError) {
      // A 429 says when to come back; whole seconds, rounded up, as Retry-After wants.
      const retryAfter =
        error.status === 429 && error.retryAfterMs !== undefined
          ? { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) }
          : undefined;
      return c.json(
        errorBody(error.code, error.message, error.details),
        error.status as ContentfulStatusCode,
        retryAfter,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = HTTP_CODES[error.status] ?? 'INVALID_INPUT';
      const message =
        error.status === 415 ? 'send the body as JSON with Content-Type: application/json' : error.message;
      return c.json(errorBody(code, message || code.toLowerCase().replaceAll('_', ' ')), error.status);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return c.json(errorBody('INTERNAL_ERROR', 'something went wrong on our side; it has been logged'), 500);
  };
}

/** Unknown routes answer in the same error shape as everything else. */
export const notFound: NotFoundHandler = (c) =>
  c.json(errorBody('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), 404);
