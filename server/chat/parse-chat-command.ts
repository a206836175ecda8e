import type { AssetType } from '../catalogue/index.js';
import { InvalidInputError } from '../errors/index.js';
import { sanitizeUserText } from '../prompts/index.js';
import { assetTypeNamed, MAX_TYPE_NAME_WORDS } from './asset-type-names.js';
import type { ChatCommandSettings } from './chat-command-settings.js';
import {
  missingPromptReply,
  missingTypeReply,
  refusedPromptReply,
  unknownTypeReply,
} from './chat-replies.js';

/** What one chat line asks of the bot. */
export type ChatCommand =
  | { readonly kind: 'generate'; readonly assetType: AssetType; readonly prompt: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'status' }
  | { readonly kind: 'not_a_command' }
  /** Addressed to the bot but unusable; `reply` says why in one short line. */
  | { readonly kind: 'invalid'; readonly reply: string };

const NOT_A_COMMAND: ChatCommand = { kind: 'not_a_command' };

interface Word {
  readonly text: string;
  /** Where the word ends in the line, so the prompt is sliced from the original text. */
  readonly end: number;
}

/** The first `count` words with where they sit, read lazily so a long line is not split whole. */
function leadingWords(text: string, count: number): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    words.push({ text: match[0], end: match.index + match[0].length });
    if (words.length === count) break;
  }
  return words;
}

function startsWithPrefix(word: string, settings: ChatCommandSettings): boolean {
  const lower = word.toLowerCase();
  if (lower === settings.prefix.toLowerCase()) return true;
  return settings.aliases.some((alias) => lower === alias.toLowerCase());
}

/**
 * Reads one chat line as a command: `<prefix> help`, `<prefix> status` or
 * `<prefix> <type> <description>`, the prefix or an alias matched as a whole word in any case.
 * Lines not addressed to the bot are `not_a_command`; it never throws.
 */
export function parseChatCommand(text: string, settings: ChatCommandSettings): ChatCommand {
  // Most chat lines are not commands: reject them on the first word before any other work.
  const words = leadingWords(text, 2 + MAX_TYPE_NAME_WORDS);
  const first = words[0];
  if (first === undefined || !startsWithPrefix(first.text, settings)) return NOT_A_COMMAND;
  const prefix = settings.prefix;
  const rest = words.slice(1);
  if (rest.length === 0) return { kind: 'invalid', reply: missingTypeReply(prefix) };
  const verb = rest[0]!.text.toLowerCase();
  if (verb === 'help') return { kind: 'help' };
  if (verb === 'status') return { kind: 'status' };

  // The longest run of words that names a type wins, so `channel points icon` is not read as
  // `channel points` with the description `icon …`.
  for (let count = Math.min(MAX_TYPE_NAME_WORDS, rest.length); count >= 1; count--) {
    const named = rest.slice(0, count);
    const assetType = assetTypeNamed(named.map((word) => word.text).join(' '));
    if (assetType === undefined) continue;
    const description = text.slice(named[count - 1]!.end);
    if (description.trim() === '') return { kind: 'invalid', reply: missingPromptReply(prefix, assetType) };
    return generateCommand(assetType, description);
  }
  return { kind: 'invalid', reply: unknownTypeReply(rest[0]!.text) };
}

function generateCommand(assetType: AssetType, description: string): ChatCommand {
  try {
    return { kind: 'generate', assetType, prompt: sanitizeUserText(description, 'the description') };
  } catch (error) {
    // The sanitizer's own words: chat follows the same rule, and says so the same way, as the API.
    if (error instanceof InvalidInputError)
      return { kind: 'invalid', reply: refusedPromptReply(error.message) };
    throw error;
  }
}
