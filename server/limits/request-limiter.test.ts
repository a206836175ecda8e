import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { LimitExceededError } from '../errors/index.js';
import { RequestLimiter } from './request-limiter.js';

describeEachDatabase('request limiter shared by server processes', ({ db }) => {
  const at = Date.parse('2026-11-24T10:00:10.000Z');

  it('refuses past the limit without waiting for the database, and says when to come back', () => {
    const limiter = new RequestLimiter({ db: db(), limit: 3, windowMs: 60_000, now: () => at });
    for (let i = 0; i < 3; i++) limiter.hit('alone');
    try {
      limiter.hit('alone');
      expect.unreachable('the fourth request must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(LimitExceededError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 50_000, details: { limit: 3 } });
    }
    limiter.hit('someone-else');
  });

  it('counts what every process took once they sync, and starts again in the next window', async () => {
    let now = at;
    const a = new RequestLimiter({ db: db(), limit: 5, windowMs: 60_000, now: () => now });
    const b = new RequestLimiter({ db: db(), limit: 5, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) a.hit('shared');
    b.hit('shared');
    await a.sync();
    await b.sync();
    // b now knows of a's three: one more is allowed, then none.
    b.hit('shared');
    expect(() => b.hit('shared')).toThrow(LimitExceededError);
    await b.sync();
    // a has nothing to send, so it has not heard of b's last hit: it lets one more through, the
    // overshoot the design allows (at most what a process takes between two syncs)...
    await a.sync();
    a.hit('shared');
    // ...and once it syncs it knows the total and refuses.
    await a.sync();
    expect(() => a.hit('shared')).toThrow(LimitExceededError);
    now = at + 60_000;
    a.hit('shared');
    b.hit('shared');
    await a.sync();
    await b.sync();
  });
});
