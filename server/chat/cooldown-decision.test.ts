import { describe, expect, it } from 'vitest';
import { type CooldownInput, cooldownDecision } from './cooldown-decision.js';

const T = 1_800_000_000_000;

const input = (over: Partial<CooldownInput>): CooldownInput => ({
  now: T,
  lastByUser: null,
  lastByChannel: null,
  userCooldownMs: 60_000,
  channelCooldownMs: 10_000,
  lastRefusalNotice: null,
  ...over,
});

describe('cooldownDecision', () => {
  it('allows a first command, and one after both cooldowns have run out to the millisecond', () => {
    expect(cooldownDecision(input({}))).toEqual({ allowed: true });
    expect(cooldownDecision(input({ lastByUser: T - 60_000, lastByChannel: T - 10_000 }))).toEqual({
      allowed: true,
    });
  });

  it('holds a chatter back by their own cooldown, telling them the time left', () => {
    expect(cooldownDecision(input({ lastByUser: T - 18_000, lastByChannel: T - 18_000 }))).toEqual({
      allowed: false,
      scope: 'user',
      retryInMs: 42_000,
      reply: 'on cooldown, 42 s left',
    });
    expect(cooldownDecision(input({ lastByUser: T - 59_999 }))).toMatchObject({ retryInMs: 1 });
  });

  it('holds everyone back by the channel cooldown when it ends later than their own', () => {
    expect(cooldownDecision(input({ lastByUser: T - 55_000, lastByChannel: T - 2_500 }))).toEqual({
      allowed: false,
      scope: 'channel',
      retryInMs: 7_500,
      reply: 'on cooldown, 8 s left',
    });
    expect(cooldownDecision(input({ lastByChannel: T - 9_000 }))).toMatchObject({
      scope: 'channel',
      retryInMs: 1_000,
    });
  });

  it('tells a chatter once per window and then refuses silently', () => {
    const told = cooldownDecision(input({ lastByUser: T - 10_000, lastRefusalNotice: T - 5_000 }));
    expect(told).toEqual({ allowed: false, scope: 'user', retryInMs: 50_000 });
    expect('reply' in told).toBe(false);
  });

  it('tells a chatter again when a new window holds them back', () => {
    // Told at T - 20 s, in the user's window (from T - 59 s); the channel window that began at T - 1 s holds them now.
    const decision = cooldownDecision(
      input({
        lastByUser: T - 59_000,
        lastByChannel: T - 1_000,
        lastRefusalNotice: T - 20_000,
      }),
    );
    expect(decision).toEqual({
      allowed: false,
      scope: 'channel',
      retryInMs: 9_000,
      reply: 'on cooldown, 9 s left',
    });
    // A notice from before the user's current window does not count for it.
    expect(cooldownDecision(input({ lastByUser: T - 1_000, lastRefusalNotice: T - 1_001 }))).toHaveProperty(
      'reply',
      'on cooldown, 59 s left',
    );
  });

  it('treats a zero or missing cooldown as none', () => {
    expect(
      cooldownDecision(input({ lastByUser: T, lastByChannel: T, userCooldownMs: 0, channelCooldownMs: 0 })),
    ).toEqual({ allowed: true });
    expect(
      cooldownDecision(input({ lastByUser: T, userCooldownMs: Number.NaN, channelCooldownMs: 0 })),
    ).toEqual({
      allowed: true,
    });
  });

  it('never waits longer than the cooldown when a timestamp lies in the future', () => {
    expect(cooldownDecision(input({ lastByUser: T + 3_600_000 }))).toMatchObject({ retryInMs: 60_000 });
  });
});
