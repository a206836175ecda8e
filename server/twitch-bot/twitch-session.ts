import { ApiClient } from '@twurple/api';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import { EventSubWsListener } from '@twurple/eventsub-ws';
import type { Db } from '../db/database.js';
import type { EventHub } from '../events/event-hub.js';
import type { Logger } from '../logging/logger.js';
import type { TokenCipher } from '../twitch/token-cipher.js';
import { createTwitchAuth, type TwitchAuth } from '../twitch/twitch-auth-provider.js';
import { listTwitchCredentials, markTwitchConnectionBroken } from '../twitch/twitch-connection-store.js';
import type { Services } from '../use-cases/index.js';
import { ChatCommands } from './chat-commands.js';
import { OutcomeTeller } from './outcome-teller.js';
import { Redemptions } from './redemptions.js';
import { syncRewards } from './reward-sync.js';
import { helixVoice, type TwitchVoice } from './twitch-voice.js';

export interface TwitchSessionOptions {
  readonly services: Services;
  readonly events: EventHub;
  readonly cipher: TokenCipher;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  /** How often connections, rewards and untold outcomes are looked at again. */
  readonly pollMs: number;
  /** How long a channel's chat settings are reused before they are read again. */
  readonly settingsTtlMs?: number;
}

/** One connected channel as the session listens to it. */
interface Listened {
  readonly broadcasterId: string;
  /** When the token the provider was last given from the database was obtained. */
  obtainedAt: number;
  readonly subscriptions: EventSubSubscription[];
}

const TWURPLE_QUIET = { minLevel: 'critical' } as const;

/**
 * Everything the process holding the Twitch lease runs: one auth provider over the stored tokens,
 * one EventSub WebSocket listener for every connected channel (twurple resubscribes after
 * `session_reconnect` and after a dropped socket itself), chat commands, redemptions, the outcomes
 * of their jobs, and the channel-point rewards. Channels that connect or disconnect are picked up
 * every `pollMs`, as are rewards to create and outcomes told while nobody listened.
 */
export class TwitchSession {
  readonly chat: ChatCommands;
  readonly #channels = new Map<string, Listened>();
  readonly #unsubscribe: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #round: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly options: TwitchSessionOptions,
    private readonly auth: TwitchAuth,
    private readonly listener: EventSubWsListener,
    private readonly voice: TwitchVoice,
    private readonly redemptions: Redemptions,
    private readonly teller: OutcomeTeller,
  ) {
    this.chat = new ChatCommands({
      services: options.services,
      voice,
      logger: options.logger,
      ...(options.settingsTtlMs === undefined ? {} : { settingsTtlMs: options.settingsTtlMs }),
    });
  }

  static async open(options: TwitchSessionOptions): Promise<TwitchSession> {
    const { services, logger } = options;
    const auth = await createTwitchAuth({
      db: services.database.db,
      cipher: options.cipher,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      logger,
    });
    const api = new ApiClient({ authProvider: auth.provider, logger: TWURPLE_QUIET });
    const listener = new EventSubWsListener({ apiClient: api, logger: TWURPLE_QUIET });
    const voice = helixVoice(api);
    const teller = new OutcomeTeller({ services, voice, logger, publicBaseUrl: options.publicBaseUrl });
    let session: TwitchSession | undefined;
    const redemptions = new Redemptions({
      services,
      voice,
      logger,
      settingsOf: (channelId) => session!.chat.settingsOf(channelId),
    });
    session = new TwitchSession(options, auth, listener, voice, redemptions, teller);
    session.#begin();
    await session.#round;
    return session;
  }

  /** The channels listened to now, by channel id, with their broadcaster's Twitch id. */
  get channels(): ReadonlyMap<string, string> {
    return new Map([...this.#channels].map(([channelId, { broadcasterId }]) => [channelId, broadcasterId]));
  }

  /** Waits for the round of polling under way (tests use it after changing the database). */
  async settled(): Promise<void> {
    await this.#round;
    await this.auth.settled();
  }

  /** Runs a round now instead of at the next tick. */
  poll(): Promise<void> {
    this.#round = this.#round.then(() => this.#pollOnce());
    return this.#round;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#round;
    this.listener.stop();
    this.#channels.clear();
    await this.auth.settled();
  }

  #begin(): void {
    const { events, logger } = this.options;
    for (const type of ['job.completed', 'job.failed', 'job.cancelled'] as const)
      this.#unsubscribe.push(
        events.subscribeType(type, (event) => {
          void this.teller
            .tell(event.data.id)
            .catch((err: unknown) => logger.error({ err, jobId: event.data.id }, 'job outcome not told'));
        }),
      );
    this.listener.onRevoke((subscription, status) => {
      const broadcasterId = subscription.authUserId;
      logger.warn({ status, broadcasterId }, 'twitch revoked a subscription');
      if (broadcasterId && (status === 'authorization_revoked' || status === 'user_removed'))
        void markTwitchConnectionBroken(
          this.options.services.database.db,
          broadcasterId,
          `Twitch withdrew the bot's access (${status}); connect Twitch again`,
        ).then(() => this.poll());
    });
    this.#round = this.#pollOnce().then(() => this.listener.start());
  }

  async #pollOnce(): Promise<void> {
    if (this.#closed) return;
    const { logger } = this.options;
    try {
      await this.#followConnections();
      await syncRewards({
        db: this.#db,
        voice: this.voice,
        logger,
        broadcasterOf: (channelId) => this.#channels.get(channelId)?.broadcasterId,
      });
      await this.teller.sweep();
    } catch (err) {
      logger.warn({ err }, 'twitch round failed; trying again');
    } finally {
      clearTimeout(this.#timer);
      if (!this.#closed) {
        this.#timer = setTimeout(() => void this.poll(), this.options.pollMs);
        this.#timer.unref?.();
      }
    }
  }

  get #db(): Db {
    return this.options.services.database.db;
  }

  /** Listens to channels that connected, and stops for those that disconnected or broke. */
  async #followConnections(): Promise<void> {
    const connected = new Map(
      (await listTwitchCredentials(this.#db, this.options.cipher)).map((credentials) => [
        credentials.channelId,
        credentials,
      ]),
    );
    for (const [channelId, listened] of this.#channels) {
      const now = connected.get(channelId);
      if (now && now.twitchUserId === listened.broadcasterId) continue;
      for (const subscription of listened.subscriptions) subscription.stop();
      this.#channels.delete(channelId);
      if (!now) this.auth.provider.removeUser(listened.broadcasterId);
      this.options.logger.info({ channelId }, 'stopped listening to twitch chat');
    }
    for (const [channelId, credentials] of connected) {
      const listened = this.#channels.get(channelId);
      // A reconnect hands in newer tokens. Only newer: a token read just before our own refresh was
      // saved is older than what the provider holds, and giving it back would undo the refresh.
      const obtainedAt = credentials.token.obtainmentTimestamp;
      if (listened) {
        if (obtainedAt > listened.obtainedAt) {
          listened.obtainedAt = obtainedAt;
          await this.auth.load(channelId);
        }
        continue;
      }
      await this.auth.load(channelId);
      this.#channels.set(channelId, {
        broadcasterId: credentials.twitchUserId,
        obtainedAt,
        subscriptions: this.#subscribe(channelId, credentials.twitchUserId),
      });
      this.options.logger.info({ channelId }, 'listening to twitch chat and channel points');
    }
  }

  #subscribe(channelId: string, broadcasterId: string): EventSubSubscription[] {
    const { logger } = this.options;
    const failed = (what: string) => (err: unknown) =>
      logger.error({ err, channelId }, `${what} not handled`);
    return [
      this.listener.onChannelChatMessage(broadcasterId, broadcasterId, (event) => {
        void this.chat
          .handle(channelId, {
            broadcasterId: event.broadcasterId,
            messageId: event.messageId,
            chatterId: event.chatterId,
            chatterName: event.chatterDisplayName,
            text: event.messageText,
            badges: Object.keys(event.badges),
          })
          .catch(failed('chat message'));
      }),
      this.listener.onChannelRedemptionAdd(broadcasterId, (event) => {
        void this.redemptions
          .handle(channelId, {
            broadcasterId: event.broadcasterId,
            id: event.id,
            rewardId: event.rewardId,
            userId: event.userId,
            userName: event.userDisplayName,
            input: event.input,
          })
          .catch(failed('redemption'));
      }),
    ];
  }
}
