import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Visibility } from '../assets/asset.js';
import type { Database } from '../db/open-database.js';
import type { Logger } from '../logging/logger.js';
import { appendEvent, eventsSince, getEvent } from './event-store.js';
import type { EventType, StudioEvent } from './studio-event.js';

export interface NewEvent {
  readonly channelId: string;
  readonly type: EventType;
  readonly audience: Visibility;
  readonly data: unknown;
}

export type EventListener = (event: StudioEvent) => void;

/** The Postgres NOTIFY channel on which server processes announce the events they store. */
export const EVENTS_NOTIFY_CHANNEL = 'studio_events';

/**
 * Every job and asset change, per channel. Events are stored first (so a client that reconnects
 * with Last-Event-ID is replayed what it missed), then handed to this process's live
 * subscribers. On Postgres, where several server processes share one database, each stored
 * event is also announced with NOTIFY, and every other process delivers it to its own
 * subscribers: a job worked off in one process shows up on a stream held open by another.
 */
export class EventHub {
  readonly #emitter = new EventEmitter();
  /** Tells this process's announcements apart from the others'. */
  readonly #origin = randomUUID();
  #unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger?: Logger,
  ) {
    // One listener per open SSE connection: many are expected.
    this.#emitter.setMaxListeners(0);
  }

  /** Starts hearing events stored by other processes (Postgres only: PGlite has one process). */
  async start(): Promise<void> {
    if (this.database.dialect !== 'postgres' || this.#unlisten) return;
    this.#unlisten = await this.database.listen(
      EVENTS_NOTIFY_CHANNEL,
      (payload) => void this.#heard(payload),
    );
  }

  /** Stops hearing other processes. */
  async stop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    await unlisten?.();
  }

  /** Stores the event, tells the live subscribers of its channel, and announces it to other processes. */
  async publish(event: NewEvent): Promise<StudioEvent> {
    const stored = await appendEvent(this.database.db, event);
    this.deliver(stored);
    if (this.#unlisten) {
      const payload = `${this.#origin} ${stored.channelId} ${stored.id}`;
      await this.database.db.execute(sql`select pg_notify(${EVENTS_NOTIFY_CHANNEL}, ${payload})`);
    }
    return stored;
  }

  /** Hands a stored event to this process's live subscribers. */
  deliver(event: StudioEvent): void {
    this.#emitter.emit(event.channelId, event);
  }

  /** Calls `listener` for each new event of the channel until the returned function is called. */
  subscribe(channelId: string, listener: EventListener): () => void {
    this.#emitter.on(channelId, listener);
    return () => this.#emitter.off(channelId, listener);
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

  async #heard(payload: string): Promise<void> {
    const [origin, channelId, id] = payload.split(' ');
    // Our own events were delivered when published; nobody here listens to this channel.
    if (!origin || !channelId || !id || origin === this.#origin) return;
    if (this.#emitter.listenerCount(channelId) === 0) return;
    try {
      const event = await getEvent(this.database.db, id);
      if (event) this.deliver(event);
    } catch (err) {
      this.logger?.warn({ err, channelId, eventId: id }, 'reading an announced event failed');
    }
  }
}
