import { ASSET_TYPES, type AssetType } from '../catalogue/index.js';
import type { ERROR_CODES, ErrorCode } from '../vocabulary/index.js';
import { chatTypeName } from './asset-type-names.js';
import type { ChatAudience } from './chat-permission.js';
import { chatWait } from './chat-wait.js';

/** Twitch refuses chat messages longer than this many characters. */
export const MAX_CHAT_MESSAGE = 500;

/** The codes a job can end with; each must have words below, so a new one cannot reach chat untold. */
type JobErrorCode = { [K in ErrorCode]: (typeof ERROR_CODES)[K]['job'] extends true ? K : never }[ErrorCode];

const ON_OUR_SIDE = 'something went wrong on our side';

// A failure is told by its code, never by the error's own text: a provider's message may carry
// request ids, URLs or keys, and chat is public. Refusals at queue time have words too; any other
// code is told as our own fault.
const FAILURE_WORDS: Readonly<Record<JobErrorCode, string> & Partial<Record<ErrorCode, string>>> = {
  INVALID_INPUT: 'the description was not accepted',
  FORBIDDEN: 'that is not allowed here',
  QUEUE_FULL: 'the queue is full',
  BUDGET_EXHAUSTED: 'the channel’s daily budget is used up',
  INTERNAL_ERROR: ON_OUR_SIDE,
  CONTENT_POLICY: 'the image model refused that description',
  PROVIDER_REJECTED: 'the image model refused the request',
  RATE_LIMITED: 'the image model is busy',
  PROVIDER_UNAVAILABLE: 'the image model is unavailable',
  PROVIDER_TIMEOUT: 'the image model took too long',
  NO_IMAGE: 'the image model gave no image',
  INVALID_IMAGE: 'the image model gave a broken image',
  ASSET_TOO_LARGE: 'the image came out too large',
  SOURCE_MISSING: 'the picture to refine is gone',
  WORKER_LOST: ON_OUR_SIDE,
  STORAGE_UNAVAILABLE: 'the file storage is unavailable',
  STORAGE_REJECTED: ON_OUR_SIDE,
};

const AUDIENCE_WORDS: Readonly<Record<ChatAudience, string>> = {
  everyone: 'everyone',
  subscribers: 'subscribers, VIPs and moderators',
  vips: 'VIPs and moderators',
  moderators: 'moderators',
  broadcaster: 'the broadcaster',
};

/** Cuts a line to Twitch's limit in code points, so an emoji is never split in half. */
export function fitChatMessage(text: string): string {
  const points = Array.from(text);
  if (points.length <= MAX_CHAT_MESSAGE) return text;
  return `${points.slice(0, MAX_CHAT_MESSAGE - 1).join('')}…`;
}

const typeList = () => ASSET_TYPES.map(chatTypeName).join(', ');

/** The answer to a command that started a job: where it stands in the queue. */
export function acknowledgedReply(reply: { user: string; assetType: AssetType; position: number }): string {
  return fitChatMessage(
    `@${reply.user} on it: ${chatTypeName(reply.assetType)} #${reply.position} in the queue`,
  );
}

/** The answer when the job is done, with the asset's public link. */
export function doneReply(reply: { user: string; assetType: AssetType; url: string }): string {
  return fitChatMessage(`@${reply.user} your ${chatTypeName(reply.assetType)} is ready: ${reply.url}`);
}

/** The answer when the job is done but kept private: the broadcaster looks before anyone sees it. */
export function reviewReply(reply: { user: string; assetType: AssetType }): string {
  return fitChatMessage(
    `@${reply.user} your ${chatTypeName(reply.assetType)} is ready; the streamer will look at it before it goes up`,
  );
}

/** The answer when the streamer (or a moderator) cancelled the job. */
export function cancelledReply(reply: { user: string; assetType: AssetType }): string {
  return fitChatMessage(`@${reply.user} your ${chatTypeName(reply.assetType)} was cancelled`);
}

/** The answer when a job failed or was refused, with the reason in words (and when to try again). */
export function failedReply(reply: {
  user: string;
  assetType: AssetType;
  code: ErrorCode;
  retryInMs?: number;
}): string {
  const again = reply.retryInMs === undefined ? '' : ` (try again in ${chatWait(reply.retryInMs)})`;
  const type = chatTypeName(reply.assetType);
  return fitChatMessage(
    `@${reply.user} your ${type} failed: ${FAILURE_WORDS[reply.code] ?? ON_OUR_SIDE}${again}`,
  );
}

/** The answer to `!gen help`: the syntax, an example and every type. */
export function helpReply(prefix: string): string {
  return fitChatMessage(
    `make stream art from chat: ${prefix} <type> <description>, e.g. ${prefix} emote a cat in sunglasses · types: ${typeList()} · ${prefix} status shows the queue`,
  );
}

/** The answer to `!gen status`: how long the queue is, and what is left of today's budget (null: no budget). */
export function statusReply(reply: { user: string; queued: number; budgetLeft: number | null }): string {
  const budget =
    reply.budgetLeft === null
      ? ''
      : `, ${reply.budgetLeft} generation${reply.budgetLeft === 1 ? '' : 's'} left today`;
  return fitChatMessage(`@${reply.user} ${reply.queued} in the queue${budget}`);
}

/** The answer to a chatter who is still cooling down. */
export function cooldownReply(retryInMs: number): string {
  return `on cooldown, ${chatWait(retryInMs)} left`;
}

/** The answer to a chatter below the channel's threshold. */
export function notAllowedReply(who: ChatAudience): string {
  return `only ${AUDIENCE_WORDS[who]} can generate here`;
}

/** The answer to a prefix with nothing after it. */
export function missingTypeReply(prefix: string): string {
  return fitChatMessage(
    `say what to make: ${prefix} emote a cat in sunglasses (${prefix} help lists the types)`,
  );
}

/** The answer to a type with no description. */
export function missingPromptReply(prefix: string, type: AssetType): string {
  return fitChatMessage(
    `say what the ${chatTypeName(type)} should show: ${prefix} ${chatTypeName(type)} a cat in sunglasses`,
  );
}

// Echoed only when it is a plain word: a link, an @mention or hidden characters are not repeated
// by the bot.
const ECHOABLE = /^[\p{L}\p{N}_-]{1,24}$/u;

/** The answer to a word that names no type; `word` is repeated only when it is a short plain word. */
export function unknownTypeReply(word: string): string {
  const named = ECHOABLE.test(word) ? ` '${word}'` : '';
  return `unknown type${named}: try ${typeList()}`;
}

/** The answer to a description the sanitizer refused, in its own words. */
export function refusedPromptReply(reason: string): string {
  return fitChatMessage(`can’t use that: ${reason}`);
}
