import { RefreshingAuthProvider } from '@twurple/auth';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { TokenCipher } from './token-cipher.js';
import {
  listTwitchCredentials,
  markTwitchConnectionBroken,
  saveRefreshedToken,
} from './twitch-connection-store.js';
import { twitchFailureReason } from './twitch-failure-reason.js';

type UserIdResolvable = Parameters<RefreshingAuthProvider['refreshAccessTokenForUser']>[0];
type RefreshedToken = Awaited<ReturnType<RefreshingAuthProvider['refreshAccessTokenForUser']>>;

/**
 * twurple's provider, refreshing each user's token once at a time. twurple's API client refreshes on
 * every 401 it gets, without waiting for a refresh already under way: several calls in flight when a
 * token expires each spend the same refresh token, and Twitch refuses all but the first (a refresh
 * token is good once), which twurple reports as a dead connection. Here they share the one refresh.
 */
export class SingleRefreshAuthProvider extends RefreshingAuthProvider {
  readonly #refreshing = new Map<string, Promise<RefreshedToken>>();

  override refreshAccessTokenForUser(user: UserIdResolvable): Promise<RefreshedToken> {
    const userId = typeof user === 'object' ? user.id : String(user);
    const running = this.#refreshing.get(userId);
    if (running) return running;
    const refresh = super.refreshAccessTokenForUser(userId).finally(() => this.#refreshing.delete(userId));
    this.#refreshing.set(userId, refresh);
    return refresh;
  }
}

export interface TwitchAuthOptions {
  readonly db: Db;
  readonly cipher: TokenCipher;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly logger: Logger;
}

/** twurple's auth provider over the stored connections, and how to add one that connected later. */
export interface TwitchAuth {
  readonly provider: SingleRefreshAuthProvider;
  /** Adds (or replaces) the channel's account in the provider, when it is `connected`; returns its Twitch user id. */
  load(channelId: string): Promise<string | null>;
  /** Resolves once every refresh seen so far is written to the database (or marked broken). */
  settled(): Promise<void>;
}

/**
 * A `RefreshingAuthProvider` holding every connected account. Each refreshed token is written back,
 * sealed, so a restart starts from the newest one (Twitch's refresh tokens rotate: an old one may
 * stop working). A refresh Twitch refuses marks the connection `broken` and removes the account, so
 * nothing retries it until the broadcaster reconnects.
 */
export async function createTwitchAuth(options: TwitchAuthOptions): Promise<TwitchAuth> {
  const { db, cipher, logger } = options;
  const provider = new SingleRefreshAuthProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  provider.onRefresh((twitchUserId, token) => {
    track(
      saveRefreshedToken(db, cipher, twitchUserId, token).then(
        (saved) => logger.info({ twitchUserId, saved }, 'twitch token refreshed'),
        (error: unknown) =>
          logger.error({ twitchUserId, failure: (error as Error).name }, 'twitch token refresh not saved'),
      ),
    );
  });
  provider.onRefreshFailure((twitchUserId, error) => {
    const reason = `the Twitch token could not be refreshed (${twitchFailureReason(error)}); connect Twitch again`;
    provider.removeUser(twitchUserId);
    track(
      markTwitchConnectionBroken(db, twitchUserId, reason).then(
        () => logger.warn({ twitchUserId, reason }, 'twitch connection broken'),
        (failure: unknown) =>
          logger.error(
            { twitchUserId, failure: (failure as Error).name },
            'twitch connection not marked broken',
          ),
      ),
    );
  });

  const add = (twitchUserId: string, token: Parameters<typeof provider.addUser>[1]) =>
    provider.addUser(twitchUserId, token, ['chat']);
  for (const credentials of await listTwitchCredentials(db, cipher))
    add(credentials.twitchUserId, credentials.token);

  return {
    provider,
    async load(channelId) {
      const [credentials] = await listTwitchCredentials(db, cipher, channelId);
      if (!credentials) return null;
      add(credentials.twitchUserId, credentials.token);
      return credentials.twitchUserId;
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
