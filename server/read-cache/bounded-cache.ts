export interface BoundedCacheOptions<V> {
  /** Entries kept at most; the least recently used go first. */
  readonly maxEntries: number;
  /** What all entries may weigh together (bytes, say), with `weigh`; unbounded without. */
  readonly maxWeight?: number;
  readonly weigh?: (value: V) => number;
  /** A backstop for a change whose announcement never arrived: no entry is served older than this. */
  readonly maxAgeMs: number;
  readonly now?: () => number;
}

/** What a read found: the value and the channel whose changes make it stale. */
export interface Found<V> {
  readonly value: V;
  readonly channelId: string;
}

interface Entry<V> {
  readonly value: V;
  readonly channelId: string;
  readonly weight: number;
  readonly storedAt: number;
}

interface Flight<V> {
  readonly epoch: number;
  readonly found: Promise<Found<V> | null>;
}

/**
 * A bounded, channel-scoped read cache that is never stale for a reader who knows of a change:
 * every change to a channel calls `forgetChannel` before anyone can have heard of it (see
 * `HotReads`). Two races are closed here, once:
 * - a read that began before a change and ends after it would store what it saw, so a load
 *   stores its result only when nothing was forgotten while it read (`#epoch`);
 * - concurrent loads of one key share one read (a raid costs one query, not thousands), but a
 *   load that starts after a change never joins a read that began before it.
 */
export class BoundedCache<V> {
  readonly #options: BoundedCacheOptions<V>;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #keysOfChannel = new Map<string, Set<string>>();
  readonly #flights = new Map<string, Flight<V>>();
  #epoch = 0;
  #weight = 0;

  constructor(options: BoundedCacheOptions<V>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The cached value of `key`, if it is there and young enough; never reads anything else. */
  peek(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() - entry.storedAt > this.#options.maxAgeMs) {
      this.#remove(key, entry);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so eviction takes the first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value of `key`, from memory or else from `read` (whose result is kept unless a change raced it). */
  async load(key: string, read: () => Promise<Found<V> | null>): Promise<V | null> {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    let flight = this.#flights.get(key);
    if (!flight || flight.epoch !== this.#epoch) {
      const epoch = this.#epoch;
      const found = read();
      flight = { epoch, found };
      this.#flights.set(key, flight);
      const own = flight;
      void found
        .then((result) => {
          if (result && this.#epoch === epoch) this.#store(key, result);
        })
        .catch(() => {})
        .finally(() => {
          if (this.#flights.get(key) === own) this.#flights.delete(key);
        });
    }
    const result = await flight.found;
    return result ? result.value : null;
  }

  /** Drops everything of `channelId`, and keeps reads in flight from storing what they saw. */
  forgetChannel(channelId: string): void {
    this.#epoch++;
    const keys = this.#keysOfChannel.get(channelId);
    if (!keys) return;
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry) this.#remove(key, entry);
    }
  }

  /** Drops everything: for when changes may have been missed (the database connection was lost). */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#keysOfChannel.clear();
    this.#weight = 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get weight(): number {
    return this.#weight;
  }

  #store(key: string, found: Found<V>): void {
    const weight = this.#options.weigh?.(found.value) ?? 0;
    const { maxWeight, maxEntries } = this.#options;
    // One value too heavy for a fair share of the cache is served, not kept.
    if (maxWeight !== undefined && weight > maxWeight / 8) return;
    const previous = this.#entries.get(key);
    if (previous) this.#remove(key, previous);
    this.#entries.set(key, { ...found, weight, storedAt: this.#now() });
    this.#weight += weight;
    let keys = this.#keysOfChannel.get(found.channelId);
    if (!keys) {
      keys = new Set();
      this.#keysOfChannel.set(found.channelId, keys);
    }
    keys.add(key);
    while (this.#entries.size > maxEntries || (maxWeight !== undefined && this.#weight > maxWeight)) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#remove(oldestKey, oldest);
    }
  }

  #remove(key: string, entry: Entry<V>): void {
    this.#entries.delete(key);
    this.#weight -= entry.weight;
    const keys = this.#keysOfChannel.get(entry.channelId);
    keys?.delete(key);
    if (keys?.size === 0) this.#keysOfChannel.delete(entry.channelId);
  }
}
