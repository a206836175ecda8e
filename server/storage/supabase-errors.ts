import { StorageRejectedError, StorageUnavailableError, type StudioError } from '../errors/index.js';

/** What one Supabase Storage failure means to the driver. */
export type SupabaseFailure =
  | { readonly kind: 'missing_object' }
  | { readonly kind: 'missing_bucket'; readonly error: StudioError }
  | { readonly kind: 'exists' }
  | { readonly kind: 'failed'; readonly error: StudioError };

/** The fields of storage-js's `StorageApiError` we read (its `statusCode` is the body's, as a string). */
interface ApiErrorFields {
  readonly status?: number;
  readonly statusCode?: string;
  readonly message?: string;
}

const UNAVAILABLE = /^(5\d\d|429)$/;

/**
 * The one place Supabase Storage answers become the product's errors. The real server sends
 * most errors as HTTP 400 with the real status in the body's `statusCode` (which storage-js
 * copies to `error.statusCode`), so this branches on that, never on the HTTP status. A missing
 * object and a missing bucket share `"404"`; only the message tells them apart ("Bucket not
 * found"), since storage-js drops the body's `code`. Anything that is not an answer — a refused
 * connection, a dropped one, a timeout — may pass, so it is retryable.
 */
export function readSupabaseFailure(error: unknown, action: string): SupabaseFailure {
  const fields = isStorageError(error) ? (error as ApiErrorFields) : undefined;
  const statusCode = fields?.statusCode === undefined ? undefined : String(fields.statusCode);
  const details = { driver: 'supabase' as const, action, ...(statusCode ? { statusCode } : {}) };
  if (!statusCode) {
    const reason = timedOut(error) ? 'did not answer in time' : 'could not be reached';
    return {
      kind: 'failed',
      error: new StorageUnavailableError(`Supabase Storage ${reason} (${action})`, details, error),
    };
  }
  const said = fields?.message ?? '';
  if (statusCode === '404' && /bucket/i.test(said))
    return {
      kind: 'missing_bucket',
      error: new StorageRejectedError(
        `Supabase Storage has no such bucket (${action}); restart the server to create it`,
        details,
        error,
      ),
    };
  if (statusCode === '404') return { kind: 'missing_object' };
  if (statusCode === '409') return { kind: 'exists' };
  if (UNAVAILABLE.test(statusCode))
    return {
      kind: 'failed',
      error: new StorageUnavailableError(
        `Supabase Storage answered ${statusCode} (${action})`,
        details,
        error,
      ),
    };
  return {
    kind: 'failed',
    error: new StorageRejectedError(rejection(statusCode, said, action), details, error),
  };
}

/** The failure as an error to throw: a missing object or an existing one are errors too where not expected. */
export function supabaseError(error: unknown, action: string): StudioError {
  const failure = readSupabaseFailure(error, action);
  if (failure.kind === 'missing_bucket' || failure.kind === 'failed') return failure.error;
  return new StorageRejectedError(`Supabase Storage refused: ${failure.kind.replace('_', ' ')} (${action})`, {
    driver: 'supabase',
    action,
  });
}

function rejection(statusCode: string, said: string, action: string): string {
  if (statusCode === '401' || statusCode === '403')
    return `Supabase Storage refused the service role key (${action}); set SUPABASE_SERVICE_ROLE_KEY to the project's service_role key`;
  if (statusCode === '413') return `the file is over the bucket's file size limit (${action})`;
  if (statusCode === '415') return `the bucket does not allow this file's type (${action})`;
  return `Supabase Storage refused the request with ${statusCode}: ${said.slice(0, 200)} (${action})`;
}

// storage-js wraps what fetch threw in `originalError`; a body read cut short throws it bare.
function timedOut(error: unknown): boolean {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  return original instanceof Error && original.name === 'TimeoutError';
}

function isStorageError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '__isStorageError' in error && 'statusCode' in error;
}
