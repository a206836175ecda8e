import { EventEmitter } from 'node:events';
import type { Visibility } from '../assets/asset.js';
import type { Database } from '../db/open-database.js';
import { appendEvent, eventsSince } from './event-store.js';
import type { EventType, StudioEvent } from './studio-event.js';

export interface NewEvent {
  readonly channelId: string;
  readonly type: EventType;
  readonly audience: Visibility;
  readonly data: unknown;
}

export type EventListener = (event: StudioEvent) => void;

/**
 * Every job and asset change, per channel. Events are stored first (so a client that reconnects
 * with Last-Event-ID is replayed what it missed, and other processes can read them), then handed
 * to this process's live subscribers.
 */
export class EventHub {
  readonly #emitter = new EventEmitter();

  constructor(private readonly database: Database) {
    // One listener per open SSE connection: many are expected.
    this.#emitter.setMaxListeners(0);
  }

  /** Stores the event and tells the live subscribers of its channel. */
  async publish(event: NewEvent): Promise<StudioEvent> {
    const stored = await appendEvent(this.database.db, event);
    this.deliver(stored);
    return stored;
  }

  /** Hands an already stored event (written inside a transaction) to live subscribers. */
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
}
