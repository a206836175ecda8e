import type { Limits } from '../config/index.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { HotReads } from '../read-cache/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import type { JobRunner } from '../worker/job-worker.js';

/** What the use cases work with; built once in `start` (or by a test) and passed to every call. */
export interface Services {
  readonly database: Database;
  readonly storage: StorageDriver;
  readonly jobs: JobRunner;
  readonly logger: Logger;
  readonly limits: Limits;
  /** The hot reads kept in memory and dropped as changes are announced. */
  readonly reads: HotReads;
}
