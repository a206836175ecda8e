import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { createLogger } from '../logging/logger.js';
import { eventually } from '../testing/eventually.js';
import { leaseHolder, releaseLease, ServiceLease, takeLease } from './service-lease.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('service leases', ({ db }) => {
  it('is held by one holder at a time, renewed by it, and taken by another only once expired', async () => {
    expect(await takeLease(db(), 'one', 'a', 200)).toBe(true);
    expect(await takeLease(db(), 'one', 'b', 200)).toBe(false);
    expect(await takeLease(db(), 'one', 'a', 200)).toBe(true);
    expect(await leaseHolder(db(), 'one')).toBe('a');
    await sleep(300);
    expect(await leaseHolder(db(), 'one')).toBeNull();
    expect(await takeLease(db(), 'one', 'b', 200)).toBe(true);
    expect(await takeLease(db(), 'one', 'a', 200)).toBe(false);
  });

  it('is free at once when its holder releases it; a release by another changes nothing', async () => {
    await takeLease(db(), 'two', 'a', 60_000);
    await releaseLease(db(), 'two', 'b');
    expect(await leaseHolder(db(), 'two')).toBe('a');
    await releaseLease(db(), 'two', 'a');
    expect(await takeLease(db(), 'two', 'b', 60_000)).toBe(true);
  });

  it('of racing takers for a free lease exactly one wins', async () => {
    const won = await Promise.all(
      Array.from({ length: 20 }, (_, i) => takeLease(db(), 'race', `p${i}`, 60_000)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('ServiceLease: one of two holds it, and the other takes over after the first stops', async () => {
    const changes: string[] = [];
    const lease = (holder: string) =>
      new ServiceLease({
        db: db(),
        name: 'service',
        holder,
        ttlMs: 300,
        logger: createLogger('silent'),
        onChange: (held) => void changes.push(`${holder} ${held ? 'took' : 'let go'}`),
      });
    const a = lease('a');
    a.start();
    await eventually(() => expect(a.held).toBe(true));
    const b = lease('b');
    b.start();
    await sleep(400);
    expect(b.held).toBe(false);
    await a.stop();
    await eventually(() => expect(b.held).toBe(true));
    await b.stop();
    expect(changes).toEqual(['a took', 'a let go', 'b took', 'b let go']);
    expect(await leaseHolder(db(), 'service')).toBeNull();
  });

  it('ServiceLease: a holder whose work fails to start lets the lease go for another', async () => {
    const failing = new ServiceLease({
      db: db(),
      name: 'failing',
      holder: 'broken',
      ttlMs: 60_000,
      logger: createLogger('silent'),
      onChange: (held) => {
        if (held) throw new Error('could not start');
      },
    });
    failing.start();
    await eventually(async () => expect(await takeLease(db(), 'failing', 'other', 60_000)).toBe(true));
    await failing.stop();
  });
});
