import type { ErrorCode } from '../server/vocabulary/index.js';

/** Codes the client gives when there is no API error body to read the code from. */
export type ClientErrorCode =
  /** The request never got an answer (offline, DNS, CORS, aborted). */
  | 'NETWORK_ERROR'
  /** An answer came, but not the API's JSON (a proxy's HTML page, a truncated body). */
  | 'UNEXPECTED_RESPONSE';

/**
 * The server's codes, the client's own, and any code a newer server may add: branch on the
 * known ones, and treat the rest by `status`.
 */
export type StudioApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface StudioApiErrorInit {
  readonly status: number;
  readonly code: StudioApiErrorCode;
  readonly message: string;
  readonly details?: unknown;
  readonly cause?: unknown;
}

/** A call the API refused (`status` 4xx/5xx, `code` from its error body) or that never reached it (`status` 0). */
export class StudioApiError extends Error {
  override readonly name = 'StudioApiError';
  readonly status: number;
  readonly code: StudioApiErrorCode;
  readonly details: unknown;

  constructor(init: StudioApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }
}

/** The API's error body, as every route answers a refused call. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: ErrorCode | (string & {});
    readonly message: string;
    readonly details?: unknown;
  };
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** The error a non-2xx response stands for, read from the API's `{ error: { code, message, details? } }` body. */
export async function toStudioApiError(
  response: Pick<Response, 'status' | 'statusText' | 'headers' | 'text'>,
): Promise<StudioApiError> {
  const { status } = response;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    return new StudioApiError({
      status,
      code: 'UNEXPECTED_RESPONSE',
      message: `the server answered ${status} and the body could not be read`,
      cause,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy, a gateway or a server that is down answered instead of the API.
  }
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new StudioApiError({ status, code, message, details });
  }
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const statusLine = [status, response.statusText].filter(Boolean).join(' ');
  return new StudioApiError({
    status,
    code: 'UNEXPECTED_RESPONSE',
    message: `the server answered ${statusLine} (${contentType}) without the API's JSON error body`,
    details: { contentType, body: text.slice(0, 200) },
  });
}
