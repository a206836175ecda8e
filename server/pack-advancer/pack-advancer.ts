import type { EventHub } from '../events/event-hub.js';
import type { Logger } from '../logging/logger.js';
import { listRunningPacks } from '../packs/index.js';
import { advancePack, type Services } from '../use-cases/index.js';

export interface PackAdvancerOptions {
  readonly services: Services;
  readonly events: Pick<EventHub, 'subscribeType' | 'onMissedAnnouncements'>;
  readonly logger: Logger;
  /** How often every running pack is looked at, whatever was heard: what catches up after a crash. */
  readonly sweepMs?: number;
}

/** A sweep this often finds packs whose news no process heard (it died, or the listener dropped). */
const SWEEP_MS = 15_000;

const ENDINGS = ['job.completed', 'job.failed', 'job.cancelled'] as const;

/**
 * Moves brand packs on as their jobs end, the way the Twitch bot tells chat: it hears every job
 * that ends on any server process (fast), and sweeps every running pack at start and then
 * periodically (durable: a pack whose lead completed while no process listened still gets its
 * pieces). Each advance locks the pack and queues with idempotency keys, so advancers in several
 * processes, or a sweep racing an event, never queue a piece twice.
 */
export class PackAdvancer {
  readonly #options: PackAdvancerOptions;
  readonly #unsubscribe: (() => void)[] = [];
  /** One advance at a time per pack in this process: the row lock would serialize them anyway. */
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #stopped = true;

  constructor(options: PackAdvancerOptions) {
    this.#options = options;
  }

  /** Starts listening, and sweeps once before answering. */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    const { events } = this.#options;
    for (const type of ENDINGS)
      this.#unsubscribe.push(
        events.subscribeType(type, (event) => {
          const { channelId, packId } = event.data;
          // A job that is no piece may still have freed the queue a waiting pack needs.
          if (packId) this.advance(channelId, packId);
          else void this.#advanceChannel(channelId);
        }),
      );
    this.#unsubscribe.push(events.onMissedAnnouncements(() => void this.sweep()));
    await this.sweep();
  }

  /** Stops listening and sweeping, and waits for advances under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#sweeping;
    await Promise.all(this.#running.values());
  }

  /** Advances one pack (after any advance of it under way here); failures are logged, and the sweep retries. */
  advance(channelId: string, packId: string): Promise<void> {
    const before = this.#running.get(packId) ?? Promise.resolve();
    const next = before.then(async () => {
      try {
        const { queued, status } = await advancePack(this.#options.services, channelId, packId);
        if (queued > 0 || status !== 'running')
          this.#options.logger.debug({ channelId, packId, queued, status }, 'pack advanced');
      } catch (err) {
        this.#options.logger.warn({ err, channelId, packId }, 'pack not advanced; the sweep tries again');
      }
    });
    this.#running.set(packId, next);
    void next.then(() => {
      if (this.#running.get(packId) === next) this.#running.delete(packId);
    });
    return next;
  }

  /** Advances every running pack; then sweeps again after `sweepMs` while started. */
  sweep(): Promise<void> {
    this.#sweeping ??= (async () => {
      try {
        const packs = await listRunningPacks(this.#options.services.database.db);
        for (const { channelId, id } of packs) {
          if (this.#stopped) break;
          await this.advance(channelId, id);
        }
      } catch (err) {
        this.#options.logger.warn({ err }, 'pack sweep failed; trying again');
      } finally {
        this.#sweeping = undefined;
        clearTimeout(this.#timer);
        if (!this.#stopped) {
          this.#timer = setTimeout(() => void this.sweep(), this.#options.sweepMs ?? SWEEP_MS);
          this.#timer.unref?.();
        }
      }
    })();
    return this.#sweeping;
  }

  async #advanceChannel(channelId: string): Promise<void> {
    try {
      const packs = await listRunningPacks(this.#options.services.database.db, channelId);
      await Promise.all(packs.map(({ id }) => this.advance(channelId, id)));
    } catch (err) {
      this.#options.logger.warn(
        { err, channelId },
        'packs of the channel not advanced; the sweep tries again',
      );
    }
  }
}
