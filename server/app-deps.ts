import type { Config } from './config/index.js';
import type { Database } from './db/open-database.js';
import type { EventHub } from './events/event-hub.js';
import type { Logger } from './logging/logger.js';
import type { StorageDriver } from './storage/storage-driver.js';
import type { JobRunner } from './worker/job-worker.js';

/** Everything the HTTP app needs, built once in `start` (or by a test) and passed down. */
export interface AppDeps {
  readonly config: Config;
  readonly database: Database;
  readonly storage: StorageDriver;
  readonly events: EventHub;
  readonly jobs: JobRunner;
  readonly logger: Logger;
  /** Base64 HS256 key for extension JWTs: Twitch's extension secret, or local mode's dev secret. */
  readonly extensionSecret: string;
}
