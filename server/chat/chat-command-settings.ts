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
