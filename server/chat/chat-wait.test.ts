import { describe, expect, it } from 'vitest';
import { chatWait } from './chat-wait.js';

describe('chatWait', () => {
  it('says seconds under a minute, rounded up, never zero', () => {
    expect(chatWait(42_000)).toBe('42 s');
    expect(chatWait(41_001)).toBe('42 s');
    expect(chatWait(1)).toBe('1 s');
    expect(chatWait(0)).toBe('1 s');
  });

  it('says minutes and seconds, then hours and minutes', () => {
    expect(chatWait(60_000)).toBe('1 min');
    expect(chatWait(125_000)).toBe('2 min 5 s');
    expect(chatWait(3_600_000)).toBe('1 h');
    expect(chatWait(5_430_000)).toBe('1 h 30 min');
  });
});
