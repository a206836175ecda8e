import { describe, expect, it } from 'vitest';
import { BoundedCache, type Found } from './bounded-cache.js';

/** A read that resolves when the test says so: to hold a load in flight across a change. */
function gate<V>() {
  let open!: (found: Found<V> | null) => void;
  const found = new Promise<Found<V> | null>((resolve) => {
    open = resolve;
  });
  return { read: () => found, open };
}

const cache = (options: Partial<ConstructorParameters<typeof BoundedCache<string>>[0]> = {}) =>
  new BoundedCache<string>({ maxEntries: 100, maxAgeMs: 60_000, ...options });

describe('BoundedCache', () => {
  it('reads once, then answers from memory', async () => {
    const reads = cache();
    let count = 0;
    const read = async () => {
      count++;
      return { value: 'v1', channelId: 'a' };
    };
    expect(await reads.load('k', read)).toBe('v1');
    expect(await reads.load('k', read)).toBe('v1');
    expect(count).toBe(1);
    expect(reads.peek('k')).toBe('v1');
  });

  it('keeps nothing for a read that found nothing', async () => {
    const reads = cache();
    expect(await reads.load('k', async () => null)).toBeNull();
    expect(reads.peek('k')).toBeUndefined();
    expect(reads.size).toBe(0);
  });

  it('forgets a channel’s entries, and only that channel’s', async () => {
    const reads = cache();
    await reads.load('a1', async () => ({ value: 'a1', channelId: 'a' }));
    await reads.load('a2', async () => ({ value: 'a2', channelId: 'a' }));
    await reads.load('b1', async () => ({ value: 'b1', channelId: 'b' }));
    reads.forgetChannel('a');
    expect(reads.peek('a1')).toBeUndefined();
    expect(reads.peek('a2')).toBeUndefined();
    expect(reads.peek('b1')).toBe('b1');
  });

  it('does not keep what a read saw when a change came while it read', async () => {
    const reads = cache();
    const before = gate<string>();
    const loading = reads.load('k', before.read);
    reads.forgetChannel('a');
    before.open({ value: 'old', channelId: 'a' });
    // Its own caller gets what it read (it asked before the change); nobody after it does.
    expect(await loading).toBe('old');
    expect(reads.peek('k')).toBeUndefined();
    expect(await reads.load('k', async () => ({ value: 'new', channelId: 'a' }))).toBe('new');
  });

  it('shares one read among concurrent loads of a key', async () => {
    const reads = cache();
    const slow = gate<string>();
    let count = 0;
    const read = () => {
      count++;
      return slow.read();
    };
    const loads = Array.from({ length: 50 }, () => reads.load('k', read));
    slow.open({ value: 'v', channelId: 'a' });
    expect(await Promise.all(loads)).toEqual(Array(50).fill('v'));
    expect(count).toBe(1);
  });

  it('never lets a load that starts after a change join a read that began before it', async () => {
    const reads = cache();
    const before = gate<string>();
    const early = reads.load('k', before.read);
    reads.forgetChannel('a');
    const late = reads.load('k', async () => ({ value: 'new', channelId: 'a' }));
    before.open({ value: 'old', channelId: 'a' });
    expect(await early).toBe('old');
    expect(await late).toBe('new');
    expect(reads.peek('k')).toBe('new');
  });

  it('passes a failed read to every caller waiting on it, and keeps nothing', async () => {
    const reads = cache();
    const failing = async (): Promise<Found<string>> => {
      throw new Error('the database is down');
    };
    const loads = [reads.load('k', failing), reads.load('k', failing)];
    for (const load of loads) await expect(load).rejects.toThrow('the database is down');
    expect(await reads.load('k', async () => ({ value: 'v', channelId: 'a' }))).toBe('v');
  });

  it('evicts the least recently used past maxEntries', async () => {
    const reads = cache({ maxEntries: 2 });
    await reads.load('a', async () => ({ value: 'a', channelId: 'c' }));
    await reads.load('b', async () => ({ value: 'b', channelId: 'c' }));
    reads.peek('a');
    await reads.load('c', async () => ({ value: 'c', channelId: 'c' }));
    expect(reads.peek('b')).toBeUndefined();
    expect(reads.peek('a')).toBe('a');
    expect(reads.peek('c')).toBe('c');
    expect(reads.size).toBe(2);
  });

  it('stays under maxWeight, and serves without keeping a value too heavy to share the cache', async () => {
    const reads = cache({ maxWeight: 80, weigh: (value) => value.length });
    await reads.load('a', async () => ({ value: 'x'.repeat(10), channelId: 'c' }));
    await reads.load('b', async () => ({ value: 'y'.repeat(10), channelId: 'c' }));
    expect(await reads.load('huge', async () => ({ value: 'z'.repeat(11), channelId: 'c' }))).toHaveLength(
      11,
    );
    expect(reads.peek('huge')).toBeUndefined();
    for (const key of ['c', 'd', 'e', 'f', 'g', 'h', 'i'])
      await reads.load(key, async () => ({ value: key.repeat(10), channelId: 'c' }));
    expect(reads.weight).toBeLessThanOrEqual(80);
    expect(reads.peek('a')).toBeUndefined();
    expect(reads.peek('i')).toBe('i'.repeat(10));
  });

  it('serves no entry older than maxAgeMs', async () => {
    let now = 0;
    const reads = cache({ maxAgeMs: 1000, now: () => now });
    await reads.load('k', async () => ({ value: 'v', channelId: 'a' }));
    now = 1000;
    expect(reads.peek('k')).toBe('v');
    now = 1001;
    expect(reads.peek('k')).toBeUndefined();
    expect(reads.size).toBe(0);
  });

  it('clear drops everything and keeps reads in flight from storing', async () => {
    const reads = cache();
    await reads.load('k', async () => ({ value: 'v', channelId: 'a' }));
    const inFlight = gate<string>();
    const loading = reads.load('j', inFlight.read);
    reads.clear();
    inFlight.open({ value: 'old', channelId: 'b' });
    await loading;
    expect(reads.size).toBe(0);
    expect(reads.weight).toBe(0);
  });
});
