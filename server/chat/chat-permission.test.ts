import { describe, expect, it } from 'vitest';
import { CHAT_AUDIENCES, type ChatAudience, chatAudienceOf, chatPermission } from './chat-permission.js';

const BADGES = ['broadcaster', 'moderator', 'vip', 'subscriber'] as const;

/** Every subset of the four badges, with an unrelated badge mixed in to show it changes nothing. */
function everyCombination(): string[][] {
  const combinations: string[][] = [];
  for (let mask = 0; mask < 1 << BADGES.length; mask++) {
    const set = BADGES.filter((_, bit) => mask & (1 << bit));
    combinations.push([...set], [...set, 'premium']);
  }
  return combinations;
}

// Written out rather than derived from CHAT_AUDIENCES, so a change of order fails here.
function expected(badges: readonly string[], who: ChatAudience): boolean {
  const has = (badge: string) => badges.includes(badge);
  switch (who) {
    case 'everyone':
      return true;
    case 'subscribers':
      return has('subscriber') || has('vip') || has('moderator') || has('broadcaster');
    case 'vips':
      return has('vip') || has('moderator') || has('broadcaster');
    case 'moderators':
      return has('moderator') || has('broadcaster');
    case 'broadcaster':
      return has('broadcaster');
  }
}

describe('chatPermission', () => {
  it('admits each badge combination exactly when it reaches the threshold', () => {
    const combinations = everyCombination();
    expect(combinations).toHaveLength(32);
    for (const badges of combinations) {
      for (const who of CHAT_AUDIENCES) {
        expect({ badges, who, allowed: chatPermission(badges, { who }) }).toEqual({
          badges,
          who,
          allowed: expected(badges, who),
        });
      }
    }
  });

  it('always admits the broadcaster and refuses a chatter without badges anything but everyone', () => {
    for (const who of CHAT_AUDIENCES) expect(chatPermission(['broadcaster'], { who })).toBe(true);
    expect(CHAT_AUDIENCES.filter((who) => chatPermission([], { who }))).toEqual(['everyone']);
  });

  it('counts founders as subscribers and lead moderators as moderators', () => {
    expect(chatAudienceOf(['founder'])).toBe('subscribers');
    expect(chatAudienceOf(['lead_moderator'])).toBe('moderators');
  });

  it('ignores badges that say nothing about the channel, including ones named like object keys', () => {
    expect(chatAudienceOf(['bits', 'premium', 'turbo', 'toString', '__proto__'])).toBe('everyone');
  });

  it('orders audiences from everyone up to the broadcaster', () => {
    expect(CHAT_AUDIENCES).toEqual(['everyone', 'subscribers', 'vips', 'moderators', 'broadcaster']);
    expect(chatAudienceOf(new Set(['subscriber', 'vip']))).toBe('vips');
  });
});
