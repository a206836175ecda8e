import { cooldownReply } from './chat-replies.js';

/** What the listener knows about one chatter's command, all times in epoch milliseconds. */
export interface CooldownInput {
  readonly now: number;
  /** When this chatter last started a generation in this channel; null if never. */
  readonly lastByUser: number | null;
  /** When anyone last started a generation in this channel; null if never. */
  readonly lastByChannel: number | null;
  readonly userCooldownMs: number;
  readonly channelCooldownMs: number;
  /** When this chatter was last told they are on cooldown; null if never. */
  readonly lastRefusalNotice: number | null;
}

/** Which cooldown holds a command back: the one that ends later. */
export type CooldownScope = 'user' | 'channel';

export type CooldownDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly scope: CooldownScope;
      readonly retryInMs: number;
      /** Present only when the chatter has not been told during this window; store `now` as the notice time. */
      readonly reply?: string;
    };

interface Window {
  readonly scope: CooldownScope;
  readonly start: number;
  readonly remainingMs: number;
}

function windowOf(scope: CooldownScope, last: number | null, cooldownMs: number, now: number): Window | null {
  if (last === null || !(cooldownMs > 0)) return null;
  // Clamped to the cooldown: a timestamp from a process whose clock runs ahead must not lock a
  // chatter out for longer than the channel asked for.
  const remainingMs = Math.min(cooldownMs, last + cooldownMs - now);
  return remainingMs > 0 ? { scope, start: last, remainingMs } : null;
}

/**
 * Whether a command may run now, given both cooldowns. A refusal carries a reply only if the
 * chatter's last notice came before the window that holds them back began, so each chatter hears
 * "on cooldown" at most once per window and the bot never floods chat.
 */
export function cooldownDecision(input: CooldownInput): CooldownDecision {
  const { now } = input;
  const user = windowOf('user', input.lastByUser, input.userCooldownMs, now);
  const channel = windowOf('channel', input.lastByChannel, input.channelCooldownMs, now);
  const holding =
    user && channel ? (channel.remainingMs > user.remainingMs ? channel : user) : (user ?? channel);
  if (holding === null) return { allowed: true };
  const told = input.lastRefusalNotice !== null && input.lastRefusalNotice >= holding.start;
  const refusal = { allowed: false, scope: holding.scope, retryInMs: holding.remainingMs } as const;
  return told ? refusal : { ...refusal, reply: cooldownReply(holding.remainingMs) };
}
