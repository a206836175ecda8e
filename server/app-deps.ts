import type { Config } from './config/index.js';
import type { EventHub } from './events/event-hub.js';
import type { RequestLimiter } from './limits/index.js';
import type { Services } from './use-cases/index.js';

/** Everything the HTTP app needs, built once in `start` (or by a test) and passed down. */
export interface AppDeps extends Services {
  readonly config: Config;
  readonly events: EventHub;
  /** Base64 HS256 key for extension JWTs: Twitch's extension secret, or local mode's dev secret. */
  readonly extensionSecret: string;
  /** Counts each caller's API requests against `RATE_LIMIT_REQUESTS_PER_MINUTE`, shared across processes. */
  readonly requestLimiter: RequestLimiter;
}
