import type { ChatAudience } from './chat-permission.js';

/** The prefix a channel starts with, until its broadcaster picks another. */
export const DEFAULT_CHAT_PREFIX = '!gen';

/** How a channel's chat starts a command: one prefix and any aliases, each a single word. */
export interface ChatCommandSettings {
  readonly prefix: string;
  readonly aliases: readonly string[];
}

/** The settings a channel has before its broadcaster changes anything. */
export const DEFAULT_CHAT_COMMAND_SETTINGS: ChatCommandSettings = {
  prefix: DEFAULT_CHAT_PREFIX,
  aliases: [],
};

/** Everything a channel decides about generating from chat and channel points. */
export interface ChatSettings extends ChatCommandSettings {
  /** Whether chat commands are answered at all (channel-point rewards work either way). */
  readonly enabled: boolean;
  /** The lowest audience that may generate from chat. */
  readonly who: ChatAudience;
  /** Seconds a chatter waits between their own generations. */
  readonly userCooldownSeconds: number;
  /** Seconds between any two generations from the channel's chat. */
  readonly channelCooldownSeconds: number;
  /** Whether what chat and channel points make goes public at once (on stream, in the panel). */
  readonly publishAtOnce: boolean;
}

/** A channel's chat settings until its broadcaster changes them: subscribers and up, one a minute each. */
export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  ...DEFAULT_CHAT_COMMAND_SETTINGS,
  enabled: true,
  who: 'subscribers',
  userCooldownSeconds: 60,
  channelCooldownSeconds: 10,
  publishAtOnce: false,
};

/** Limits the API enforces on the settings, shared with the extension's form. */
export const CHAT_SETTINGS_LIMITS = {
  /** A prefix or alias: one word of 1–20 characters with no spaces. */
  wordMax: 20,
  aliasesMax: 5,
  /** A cooldown may be up to a day. */
  cooldownMaxSeconds: 86_400,
} as const;
