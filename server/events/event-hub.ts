import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import type { Logger } from '../logging/logger.js';
import type { EventType } from '../vocabulary/index.js';
import {
  EVENTS_NOTIFY_CHANNEL,
  type EventAnnouncement,
  eventsSince,
  getEvents,
  parseAnnouncement,
} from './event-store.js';
import type { StudioEvent } from './studio-event.js';

export type EventListener<E extends StudioEvent = StudioEvent> = (event: E) => void;

/** Announcements read from the database in one query at most this many at a time. */
const READ_BATCH = 200;

/** How long `caughtUp` waits for its own marker before giving up on it: a listener that is down (and reconnecting) delays a write this long, no longer. */
const CATCH_UP_TIMEOUT_MS = 2_000;

/**
 * Hands stored events to this process's live subscribers. Every change writes its event in its own
 * transaction (`appendEvent`), which announces it with NOTIFY on commit; the hub hears those
 * announcements — this process's and, on Postgres, every other server process's — reads the
 * events somebody here listens to and delivers them in the order they committed. So a subscriber
 * never sees an event whose change rolled back, and never misses one whose change committed while
 * it listened.
 */
export class EventHub {
  readonly #channels = new EventEmitter();
  readonly #types = new EventEmitter();
  readonly #announced = new EventEmitter();
  readonly #pending: EventAnnouncement[] = [];
  #draining: Promise<void> | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  readonly #missed = new EventEmitter();
  /** This hub's markers on the announcement channel: `mark <hub> <n>`, heard back in commit order. */
  readonly #markPrefix = `mark ${randomUUID()} `;
  #marksSent = 0;
  readonly #markWaiters = new Map<number, () => void>();

  constructor(
    private readonly database: Database,
    private readonly logger?: Logger,
  ) {
    // One listener per open SSE connection: many are expected.
    this.#channels.setMaxListeners(0);
    this.#types.setMaxListeners(0);
    this.#announced.setMaxListeners(0);
  }

  /** Starts hearing stored events; nothing is delivered before. */
  async start(): Promise<void> {
    if (this.#unlisten) return;
    this.#unlisten = await this.database.listen(
      EVENTS_NOTIFY_CHANNEL,
      (payload) => this.#heard(payload),
      () => {
        this.logger?.warn('listening for events again after the connection was lost');
        this.#missed.emit('missed');
      },
    );
  }

  /**
   * Resolves once this hub has heard every announcement committed before the call: it announces a
   * marker of its own and waits to hear it back, and a listener hears announcements in commit
   * order. What a write's answer waits for, so its caller's next read sees what it changed.
   */
  async caughtUp(): Promise<void> {
    if (!this.#unlisten) return;
    const n = ++this.#marksSent;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve) => {
      this.#markWaiters.set(n, resolve);
      timer = setTimeout(() => {
        this.#markWaiters.delete(n);
        this.logger?.warn('an announcement of our own was not heard back in time');
        resolve();
      }, CATCH_UP_TIMEOUT_MS);
    });
    try {
      await this.database.db.execute(
        sql`select pg_notify(${EVENTS_NOTIFY_CHANNEL}, ${this.#markPrefix + n})`,
      );
      await heard;
    } catch (err) {
      this.#markWaiters.delete(n);
      this.logger?.warn({ err }, 'announcing a marker failed');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls `listener` whenever announcements may have been missed: the listening connection was lost and came back. */
  onMissedAnnouncements(listener: () => void): () => void {
    const guarded = this.#guarded(listener);
    this.#missed.on('missed', guarded);
    return () => this.#missed.off('missed', guarded);
  }

  /** Stops hearing events and waits for those already heard to be delivered. */
  async stop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    // A database already closed has stopped announcing anyway.
    await unlisten?.().catch((err) => this.logger?.debug({ err }, 'unlistening failed'));
    await this.#draining;
  }

  /** Calls `listener` for each new event of the channel until the returned function is called. */
  subscribe(channelId: string, listener: EventListener): () => void {
    const guarded = this.#guarded(listener);
    this.#channels.on(channelId, guarded);
    return () => this.#channels.off(channelId, guarded);
  }

  /**
   * Calls `listener` with the announcement of each new event of `type` on any channel, without
   * reading the event: for a listener that needs only to know it happened (the worker wakes on
   * `job.queued` this way).
   */
  subscribeAnnouncements(type: EventType, listener: (announced: EventAnnouncement) => void): () => void {
    const guarded = this.#guarded(listener);
    this.#announced.on(type, guarded);
    return () => this.#announced.off(type, guarded);
  }

  /** Calls `listener` for each new event of `type` on any channel (the worker hears cancels this way). */
  subscribeType<T extends EventType>(type: T, listener: EventListener<Extract<StudioEvent, { type: T }>>) {
    const guarded = this.#guarded(listener as EventListener);
    this.#types.on(type, guarded);
    return () => this.#types.off(type, guarded);
  }

  /** Stored events after `afterId`, oldest first: what a reconnecting client missed. */
  replay(
    channelId: string,
    afterId: string,
    audience: 'public' | 'all',
    limit = 500,
  ): Promise<StudioEvent[]> {
    return eventsSince(this.database.db, channelId, afterId, { audience, limit });
  }

  #heard(payload: string): void {
    if (payload.startsWith('mark ')) {
      this.#heardMark(payload);
      return;
    }
    const announced = parseAnnouncement(payload);
    if (!announced) return;
    this.#announced.emit(announced.type, announced);
    // Nobody here listens for the event itself: it is not even read.
    if (
      this.#channels.listenerCount(announced.channelId) === 0 &&
      this.#types.listenerCount(announced.type) === 0
    )
      return;
    this.#pending.push(announced);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  /** Our own marker resolves its `caughtUp` and every earlier one; another hub's is none of ours. */
  #heardMark(payload: string): void {
    if (!payload.startsWith(this.#markPrefix)) return;
    const n = Number(payload.slice(this.#markPrefix.length));
    for (const [waiting, resolve] of this.#markWaiters) {
      if (waiting > n) continue;
      this.#markWaiters.delete(waiting);
      resolve();
    }
  }

  /** A listener that throws costs only itself its event, never the listeners after it. */
  #guarded<A>(listener: (arg: A) => void): (arg: A) => void {
    return (arg) => {
      try {
        listener(arg);
      } catch (err) {
        this.logger?.error({ err }, 'an event listener failed');
      }
    };
  }

  /** Reads what was announced, a batch at a time, and delivers it in announcement (commit) order. */
  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, READ_BATCH);
      try {
        for (const event of await getEvents(
          this.database.db,
          batch.map((a) => a.id),
        )) {
          this.#channels.emit(event.channelId, event);
          this.#types.emit(event.type, event);
        }
      } catch (err) {
        this.logger?.warn({ err, events: batch.length }, 'reading announced events failed');
      }
    }
  }
}
