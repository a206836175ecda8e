import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ServiceLease } from './service-lease.js';
import { TwitchSession, type TwitchSessionOptions } from './twitch-session.js';

/** The lease of the one process that listens to Twitch for every channel. */
export const TWITCH_LEASE = 'twitch-eventsub';

export interface TwitchBotOptions extends TwitchSessionOptions {
  /** How long a dead holder keeps the others waiting before one of them takes over. */
  readonly leaseTtlMs: number;
  /** This process's name in the lease; unique per process unless a test says otherwise. */
  readonly holder?: string;
}

/**
 * Chat commands and channel points for a server process. Every process runs one, and exactly one of
 * them (the holder of a lease in the database) listens to Twitch; when it dies, another takes the
 * lease once it expires and listens in its place. Whoever listens, each notification is acted on
 * once (receipts) and each job's outcome is told once (claimed triggers).
 */
export class TwitchBot {
  readonly #lease: ServiceLease;
  #session: TwitchSession | undefined;
  #changing: Promise<void> = Promise.resolve();

  constructor(private readonly options: TwitchBotOptions) {
    const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#lease = new ServiceLease({
      db: options.services.database.db,
      name: TWITCH_LEASE,
      holder,
      ttlMs: options.leaseTtlMs,
      logger: options.logger,
      onChange: (held) => this.#change(held),
    });
  }

  /** The running session while this process holds the lease. */
  get session(): TwitchSession | undefined {
    return this.#session;
  }

  start(): void {
    this.#lease.start();
  }

  async stop(): Promise<void> {
    await this.#lease.stop();
    await this.#changing;
  }

  /** Opens or closes the session, one change at a time; a failed open is thrown to the lease, which lets go. */
  #change(held: boolean): Promise<void> {
    const next = this.#changing.then(async () => {
      if (held && !this.#session) {
        this.#session = await TwitchSession.open(this.options);
        this.options.logger.info({ channels: this.#session.channels.size }, 'listening to twitch');
      } else if (!held && this.#session) {
        const ending = this.#session;
        this.#session = undefined;
        await ending.close();
        this.options.logger.info('stopped listening to twitch');
      }
    });
    this.#changing = next.catch(() => undefined);
    return next;
  }
}
