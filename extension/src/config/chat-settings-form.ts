import type { ChatSettings, ChatSettingsPatch } from '../../../client/index.js';
import { CHAT_SETTINGS_LIMITS } from '../../../server/chat/chat-command-settings.js';
import type { ChatAudience } from '../../../server/chat/chat-permission.js';

/** The chat settings as the form holds them: words and numbers as typed. */
export interface ChatSettingsForm {
  readonly enabled: boolean;
  readonly prefix: string;
  /** The aliases, separated by spaces or commas. */
  readonly aliases: string;
  readonly who: ChatAudience;
  readonly userCooldownSeconds: string;
  readonly channelCooldownSeconds: string;
  readonly publishAtOnce: boolean;
}

export type ChatField = keyof ChatSettingsForm;

/** The form's fields, named as the API's `details[].path` names them. */
export const CHAT_FIELDS: readonly ChatField[] = [
  'enabled',
  'prefix',
  'aliases',
  'who',
  'userCooldownSeconds',
  'channelCooldownSeconds',
  'publishAtOnce',
];

/** Who may use the command, in the words the select shows; each admits those after it. */
export const AUDIENCE_WORDS: Readonly<Record<ChatAudience, string>> = {
  everyone: 'Everyone',
  subscribers: 'Subscribers, VIPs and moderators',
  vips: 'VIPs and moderators',
  moderators: 'Moderators',
  broadcaster: 'Only the broadcaster',
};

const { wordMax, aliasesMax, cooldownMaxSeconds } = CHAT_SETTINGS_LIMITS;

export function formFromSettings(settings: ChatSettings): ChatSettingsForm {
  return {
    ...settings,
    aliases: settings.aliases.join(' '),
    userCooldownSeconds: String(settings.userCooldownSeconds),
    channelCooldownSeconds: String(settings.channelCooldownSeconds),
  };
}

const wordsIn = (text: string) => text.split(/[\s,]+/u).filter(Boolean);

function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return 'give the word that starts a command, such as !gen';
  if (/\s/u.test(prefix)) return 'one word, without spaces';
  if (prefix.length > wordMax) return `at most ${wordMax} characters`;
  return undefined;
}

function aliasesProblem(aliases: readonly string[], prefix: string): string | undefined {
  const lower = aliases.map((alias) => alias.toLowerCase());
  if (aliases.length > aliasesMax) return `at most ${aliasesMax} words`;
  if (aliases.some((alias) => alias.length > wordMax)) return `each at most ${wordMax} characters`;
  if (new Set(lower).size < lower.length) return 'a word is there twice';
  if (lower.includes(prefix.toLowerCase())) return 'the command word is already the prefix';
  return undefined;
}

function cooldownOf(text: string): number | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > cooldownMaxSeconds)
    return undefined;
  return value;
}

/** The form as settings the server takes, or what is wrong beside each field; checked as the server will. */
export function readChatForm(
  form: ChatSettingsForm,
): { settings: ChatSettings } | { problems: Partial<Record<ChatField, string>> } {
  const prefix = form.prefix.trim();
  const aliases = wordsIn(form.aliases);
  const userCooldownSeconds = cooldownOf(form.userCooldownSeconds);
  const channelCooldownSeconds = cooldownOf(form.channelCooldownSeconds);
  const cooldownProblem = `a whole number of seconds from 0 to ${cooldownMaxSeconds.toLocaleString('en')}`;
  const found: [ChatField, string | undefined][] = [
    ['prefix', prefixProblem(prefix)],
    ['aliases', aliasesProblem(aliases, prefix)],
    ['userCooldownSeconds', userCooldownSeconds === undefined ? cooldownProblem : undefined],
    ['channelCooldownSeconds', channelCooldownSeconds === undefined ? cooldownProblem : undefined],
  ];
  const problems = Object.fromEntries(found.filter(([, problem]) => problem !== undefined));
  if (
    userCooldownSeconds === undefined ||
    channelCooldownSeconds === undefined ||
    Object.keys(problems).length > 0
  )
    return { problems };
  const { enabled, who, publishAtOnce } = form;
  return {
    settings: { enabled, prefix, aliases, who, userCooldownSeconds, channelCooldownSeconds, publishAtOnce },
  };
}

/** The settings that differ from what is stored: a save sends only those (and audits only those). */
export function chatSettingsPatch(stored: ChatSettings, next: ChatSettings): ChatSettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const field of CHAT_FIELDS)
    if (JSON.stringify(stored[field]) !== JSON.stringify(next[field])) patch[field] = next[field];
  return patch as ChatSettingsPatch;
}
