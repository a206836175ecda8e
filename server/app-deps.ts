import { VerifiedJwts } from './auth/verified-jwts.js';
import type { Config } from './config/index.js';
import type { EventHub } from './events/event-hub.js';
import { PER_MINUTE, RequestLimiter } from './limits/index.js';
import { HotReads } from './read-cache/index.js';
import { type TwitchApp, twitchAppFrom } from './twitch/twitch-app.js';
import type { Services } from './use-cases/index.js';

/** Everything the HTTP app needs, built once in `start` (or by a test) and passed down. */
export interface AppDeps extends Services {
  readonly config: Config;
  readonly events: EventHub;
  /** Base64 HS256 key for extension JWTs: Twitch's extension secret, or local mode's dev secret. */
  readonly extensionSecret: string;
  /** Counts each caller's API requests against `RATE_LIMIT_REQUESTS_PER_MINUTE`, shared across processes. */
  readonly requestLimiter: RequestLimiter;
  /** Our Twitch application, for connecting a channel's account. */
  readonly twitch: TwitchApp;
  /** Extension JWTs already verified with `extensionSecret`, until they expire. */
  readonly jwts: VerifiedJwts;
}

/** What `createAppDeps` derives itself: the limits, the request limiter, the Twitch application, the hot reads and verified tokens. */
type Derived = 'limits' | 'requestLimiter' | 'twitch' | 'reads' | 'jwts';

/** The app's dependencies from the parts a server (or a test) builds; what follows from them is made here, once. */
export function createAppDeps(parts: Omit<AppDeps, Derived>): AppDeps {
  const { config, database, logger } = parts;
  return {
    ...parts,
    twitch: twitchAppFrom(config, parts.extensionSecret),
    limits: config.limits,
    reads: new HotReads(parts.events),
    jwts: new VerifiedJwts(parts.extensionSecret),
    requestLimiter: new RequestLimiter({
      db: database.db,
      limit: config.limits.requestsPerMinute,
      windowMs: PER_MINUTE,
      logger,
    }),
  };
}
