import { z } from 'zod';
import { parseRetryDelay } from './retry-delay.js';

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

/** Google's error envelope (`google.rpc.Status` in JSON), as the SDK puts it in `ApiError.message`. */
const GeminiErrorBodyData = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.looseObject({ '@type': z.string().optional() })).optional(),
  }),
});

/** The parts of an error body we act on. */
export interface GeminiErrorBody {
  /** `RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`, … */
  readonly status?: string;
  readonly message?: string;
  /** `RetryInfo.retryDelay`, in milliseconds. */
  readonly retryDelayMs?: number;
  /** `ErrorInfo.reason`, such as `API_KEY_INVALID`. */
  readonly reason?: string;
}

/** Reads the JSON error body the SDK stores as the message of an `ApiError`; empty when it is not one. */
export function parseGeminiErrorBody(message: string): GeminiErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return {};
  }
  const parsed = GeminiErrorBodyData.safeParse(json);
  if (!parsed.success) return {};
  const { status, message: text, details = [] } = parsed.data.error;
  const retryDelayMs = parseRetryDelay(details.find((d) => d['@type'] === RETRY_INFO)?.retryDelay);
  const reason = details.find((d) => d['@type'] === ERROR_INFO)?.reason;
  return {
    ...(status === undefined ? {} : { status }),
    ...(typeof text === 'string' ? { message: text } : {}),
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}
