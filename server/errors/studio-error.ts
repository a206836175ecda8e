import { ERROR_CODES, type ErrorCode } from '../vocabulary/index.js';

export interface StudioErrorOptions {
  readonly status?: number;
  readonly details?: unknown;
  readonly cause?: unknown;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
}

/** Every error the product raises on purpose: a stable `code`, an HTTP status, a readable message. */
export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** The worker may try the job again: the cause can pass (rate limit, outage, timeout). */
  readonly retryable: boolean;
  /** How long the other side asked us to wait before trying again. */
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: StudioErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Input that breaks a documented rule (bad field, too long, unknown type). */
export class InvalidInputError extends StudioError {
  constructor(message: string, details?: unknown) {
    super('INVALID_INPUT', message, { details });
  }
}

/** A `brandKitId` that names no brand kit of the caller's channel (another channel's looks the same). */
export class UnknownBrandKitError extends InvalidInputError {
  constructor() {
    super('brandKitId does not name a brand kit of this channel', [
      { path: 'brandKitId', message: 'unknown brand kit' },
    ]);
  }
}

/** A prompt template in `prompts/` that does not match its schema; start refuses to go on. */
export class TemplateError extends StudioError {
  constructor(file: string, problem: string, cause?: unknown) {
    super('TEMPLATE_INVALID', `prompt template ${file}: ${problem}`, { cause });
  }
}

/** A job state change that the state machine does not allow. */
export class InvalidTransitionError extends StudioError {
  constructor(from: string, to: string) {
    super('INVALID_TRANSITION', `a job cannot move from ${from} to ${to}`, { details: { from, to } });
  }
}

/** The image could not be brought under the per-file byte limit of its asset type. */
export class AssetTooLargeError extends StudioError {
  constructor(file: string, bytes: number, limit: number) {
    super(
      'ASSET_TOO_LARGE',
      `${file} is ${bytes} bytes even at the lowest quality, over the ${limit}-byte limit`,
      { details: { file, bytes, limit } },
    );
  }
}

/** The provider answered with something that is not a usable image. */
export class InvalidImageError extends StudioError {
  constructor(message: string, cause?: unknown) {
    super('INVALID_IMAGE', message, { cause });
  }
}

/** The caller did not prove who they are (missing, malformed, expired or forged credentials). */
export class UnauthorizedError extends StudioError {
  constructor(message = 'authentication required') {
    super('UNAUTHORIZED', message);
  }
}

/** The caller is known but their role does not allow this on this channel. */
export class ForbiddenError extends StudioError {
  constructor(message = 'not allowed') {
    super('FORBIDDEN', message);
  }
}

/** Nothing here for this caller; also used where saying "it exists but is not yours" would leak. */
export class NotFoundError extends StudioError {
  constructor(message = 'not found') {
    super('NOT_FOUND', message);
  }
}

/** A refinement whose parent has no kept source image (made before sources were kept, or since deleted). */
export class SourceMissingError extends StudioError {
  constructor(
    assetId: string,
    message = 'this asset has no source image to refine; generate it anew instead',
  ) {
    super('SOURCE_MISSING', message, { details: { assetId } });
  }
}

/** Facts about an image-service failure kept with the error (never a secret). */
export interface ProviderErrorDetails {
  readonly provider: string;
  /** The HTTP status the service answered with, when it answered. */
  readonly httpStatus?: number;
  /** The service's own reason (`RESOURCE_EXHAUSTED`, `IMAGE_SAFETY`, …). */
  readonly reason?: string;
  /** The setting a person should check, for failures retrying cannot fix. */
  readonly setting?: string;
}

/** The image service's request quota is used up for now; the worker waits and asks again. */
export class RateLimitedError extends StudioError {
  constructor(
    message: string,
    options: { retryAfterMs?: number; details: ProviderErrorDetails; cause?: unknown },
  ) {
    super('RATE_LIMITED', message, {
      retryable: true,
      details: options.details,
      cause: options.cause,
      ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
    });
  }
}

/** The image service could not be reached or answered with a server error; it may pass. */
export class ProviderUnavailableError extends StudioError {
  constructor(message: string, details: ProviderErrorDetails, cause?: unknown) {
    super('PROVIDER_UNAVAILABLE', message, { retryable: true, details, cause });
  }
}

/** The image service did not answer in time. */
export class ProviderTimeoutError extends StudioError {
  constructor(message: string, details: ProviderErrorDetails, cause?: unknown) {
    super('PROVIDER_TIMEOUT', message, { retryable: true, details, cause });
  }
}

/** The image service refused the subject (safety filters, blocklist, recitation); asking again will not help. */
export class ContentPolicyError extends StudioError {
  constructor(message: string, details: ProviderErrorDetails) {
    super('CONTENT_POLICY', message, { details });
  }
}

/** The image service refused the request itself (key, model, request shape): a setting must change first. */
export class ProviderRejectedError extends StudioError {
  constructor(message: string, details: ProviderErrorDetails, cause?: unknown) {
    super('PROVIDER_REJECTED', message, { details, cause });
  }
}

/**
 * The image service answered without a usable image (text only, nothing, bytes that do not decode).
 * Retryable: it is a glitch of one generation, not of the prompt, and the retry policy bounds it.
 */
export class NoImageError extends StudioError {
  constructor(message: string, details: ProviderErrorDetails) {
    super('NO_IMAGE', message, { retryable: true, details });
  }
}

/** The request body is over a size limit. */
export class PayloadTooLargeError extends StudioError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}

/**
 * A worker wrote to a job it no longer holds: its lease lapsed and another worker took the job, or
 * the job was cancelled meanwhile. The write is refused and the attempt's files are removed.
 */
export class LeaseLostError extends StudioError {
  constructor(jobId: string, status: string) {
    super('LEASE_LOST', `this worker no longer holds job ${jobId} (it is ${status})`, {
      details: { jobId, status },
    });
  }
}

/**
 * A caller or channel went over one of its limits (requests, generations, queued jobs, open
 * streams, the day's generation budget); answered 429 with `Retry-After`.
 */
export class LimitExceededError extends StudioError {
  constructor(
    code: 'RATE_LIMITED' | 'QUEUE_FULL' | 'BUDGET_EXHAUSTED',
    message: string,
    retryAfterMs: number,
    details: { readonly limit: number; readonly [key: string]: unknown },
  ) {
    super(code, message, { retryAfterMs, details });
  }
}

/** An `Idempotency-Key` sent again with a different request: the first request's job is not this one. */
export class IdempotencyKeyReusedError extends StudioError {
  constructor(jobId: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
      { details: { jobId } },
    );
  }
}
