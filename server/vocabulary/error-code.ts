/** What one error code means: the HTTP status it answers with, and whether a job may end with it. */
export interface ErrorCodeInfo {
  readonly status: number;
  /** True for the codes a failed or retried job carries as `errorCode`. */
  readonly job: boolean;
}

/**
 * Every error code the product gives, in one table: the API's error bodies, the `errorCode` of
 * jobs and the README's tables are all checked against it.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { status: 400, job: false },
  UNAUTHORIZED: { status: 401, job: false },
  FORBIDDEN: { status: 403, job: false },
  NOT_FOUND: { status: 404, job: false },
  METHOD_NOT_ALLOWED: { status: 405, job: false },
  INVALID_TRANSITION: { status: 409, job: false },
  LEASE_LOST: { status: 409, job: false },
  SOURCE_MISSING: { status: 409, job: true },
  TWITCH_NOT_CONFIGURED: { status: 409, job: false },
  TWITCH_CONNECT_FAILED: { status: 400, job: false },
  TWITCH_NOT_CONNECTED: { status: 409, job: false },
  REFERENCE_LIMIT: { status: 409, job: false },
  PAYLOAD_TOO_LARGE: { status: 413, job: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, job: false },
  IDEMPOTENCY_KEY_REUSED: { status: 422, job: false },
  QUEUE_FULL: { status: 429, job: false },
  BUDGET_EXHAUSTED: { status: 429, job: false },
  INTERNAL_ERROR: { status: 500, job: true },
  TEMPLATE_INVALID: { status: 500, job: false },
  CONTENT_POLICY: { status: 422, job: true },
  PROVIDER_REJECTED: { status: 502, job: true },
  RATE_LIMITED: { status: 429, job: true },
  PROVIDER_UNAVAILABLE: { status: 503, job: true },
  PROVIDER_TIMEOUT: { status: 504, job: true },
  NO_IMAGE: { status: 502, job: true },
  INVALID_IMAGE: { status: 502, job: true },
  ASSET_TOO_LARGE: { status: 422, job: true },
  WORKER_LOST: { status: 500, job: true },
  STORAGE_UNAVAILABLE: { status: 503, job: true },
  STORAGE_REJECTED: { status: 502, job: true },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** True for a string that is one of the product's error codes. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
