import { StudioError } from './studio-error.js';

/** Facts about a file-storage failure kept with the error (never the key, never a file's bytes). */
export interface StorageErrorDetails {
  readonly driver: 'supabase';
  /** What was being done, like `upload to assets-public`. */
  readonly action: string;
  /** The storage server's own status (`"500"`, `"413"`), when it answered. */
  readonly statusCode?: string;
}

/** The file storage could not be reached, timed out or answered with a server error; it may pass. */
export class StorageUnavailableError extends StudioError {
  constructor(message: string, details: StorageErrorDetails, cause?: unknown) {
    super('STORAGE_UNAVAILABLE', message, { retryable: true, details, cause });
  }
}

/** The file storage refused the request itself (key, bucket, type, size): a setting must change first. */
export class StorageRejectedError extends StudioError {
  constructor(message: string, details: StorageErrorDetails, cause?: unknown) {
    super('STORAGE_REJECTED', message, { details, cause });
  }
}
