import type { AssetType } from '../catalogue/index.js';
import { dailyBudgetOf } from '../channels/channel.js';
import { getChannel } from '../channels/channel-store.js';
import {
  acknowledgedReply,
  type ChatSettings,
  chatPermission,
  cooldownDecision,
  failedReply,
  getChatSettings,
  helpReply,
  notAllowedReply,
  parseChatCommand,
  statusReply,
} from '../chat/index.js';
import { StudioError } from '../errors/index.js';
import { generationsUsed } from '../limits/index.js';
import type { Logger } from '../logging/logger.js';
import { queueGeneration, type Services } from '../use-cases/index.js';
import { twitchCaller } from './chat-caller.js';
import { readCooldowns, recordChatNotice, recordChatStart } from './chat-cooldown-store.js';
import type { ChatMessage } from './twitch-notifications.js';
import { takeReceipt } from './twitch-receipts.js';
import { channelQueueLength, insertTrigger, queuePosition } from './twitch-trigger-store.js';
import type { TwitchVoice } from './twitch-voice.js';

/** What became of one chat line: for logs, tests and the bench. */
export type ChatOutcome =
  | 'ignored'
  | 'duplicate'
  | 'answered'
  | 'queued'
  | 'refused'
  /** Refused, and the chatter was told so recently that the bot kept quiet. */
  | 'refused_quietly';

export interface ChatCommandsOptions {
  readonly services: Services;
  readonly voice: TwitchVoice;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How long a channel's settings are reused before they are read again. */
  readonly settingsTtlMs?: number;
}

/** The least time between two "not now" answers to one chatter, whatever the cooldowns. */
const QUIET_MS = 10_000;

/**
 * Answers chat: parses each line with the channel's settings, and for a command checks who may,
 * the cooldowns and (through `queueGeneration`, as every trigger does) the limits and the daily
 * budget. Each line is acted on once (a receipt per message id), each chatter hears "not now" at
 * most once per window, and one channel's lines are handled in order, one at a time, so two lines
 * from one chatter cannot both pass the cooldown.
 */
export class ChatCommands {
  readonly #settings = new Map<string, { settings: ChatSettings; readAt: number }>();
  readonly #lines = new Map<string, Promise<unknown>>();
  readonly #now: () => Date;

  constructor(private readonly options: ChatCommandsOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Handles one chat line of `channelId`, after the lines of that channel before it. */
  handle(channelId: string, message: ChatMessage): Promise<ChatOutcome> {
    const before = this.#lines.get(channelId) ?? Promise.resolve();
    // Decided in turn; said after the turn, so the next line need not wait for Helix to answer.
    const replies: string[] = [];
    const turn = before.then(() => this.#handle(channelId, message, replies));
    const settled = turn.catch(() => undefined);
    this.#lines.set(channelId, settled);
    void settled.then(() => {
      if (this.#lines.get(channelId) === settled) this.#lines.delete(channelId);
    });
    return turn.then(async (outcome) => {
      for (const text of replies)
        await this.options.voice.say(message.broadcasterId, text, message.messageId);
      return outcome;
    });
  }

  /** The channel's chat settings, read again once they are `settingsTtlMs` old. */
  async settingsOf(channelId: string): Promise<ChatSettings> {
    const cached = this.#settings.get(channelId);
    const ttl = this.options.settingsTtlMs ?? 2_000;
    if (cached && Date.now() - cached.readAt < ttl) return cached.settings;
    const settings = await getChatSettings(this.options.services.database.db, channelId);
    this.#settings.set(channelId, { settings, readAt: Date.now() });
    return settings;
  }

  async #handle(channelId: string, message: ChatMessage, replies: string[]): Promise<ChatOutcome> {
    const settings = await this.settingsOf(channelId);
    if (!settings.enabled) return 'ignored';
    const command = parseChatCommand(message.text, settings);
    // Most lines end here, without touching the database.
    if (command.kind === 'not_a_command') return 'ignored';
    const db = this.options.services.database.db;
    if (!(await takeReceipt(db, `chat:${message.messageId}`))) return 'duplicate';
    const user = message.chatterName;
    switch (command.kind) {
      case 'help':
        return this.#answer(channelId, message, settings, helpReply(settings.prefix), replies);
      case 'status':
        return this.#answer(channelId, message, settings, await this.#status(channelId, user), replies);
      case 'invalid':
        return this.#answer(channelId, message, settings, `@${user} ${command.reply}`, replies);
      case 'generate':
        return this.#generate(channelId, message, settings, command, replies);
    }
  }

  async #generate(
    channelId: string,
    message: ChatMessage,
    settings: ChatSettings,
    command: { assetType: AssetType; prompt: string },
    replies: string[],
  ): Promise<ChatOutcome> {
    const { services } = this.options;
    const db = services.database.db;
    const user = message.chatterName;
    if (!chatPermission(message.badges, settings))
      return this.#answer(channelId, message, settings, `@${user} ${notAllowedReply(settings.who)}`, replies);

    const now = this.#now();
    const times = await readCooldowns(db, channelId, message.chatterId);
    const decision = cooldownDecision({
      now: now.getTime(),
      ...times,
      userCooldownMs: settings.userCooldownSeconds * 1000,
      channelCooldownMs: settings.channelCooldownSeconds * 1000,
    });
    if (!decision.allowed) {
      if (!decision.reply) return 'refused_quietly';
      await recordChatNotice(db, channelId, message.chatterId, now);
      replies.push(`@${user} ${decision.reply}`);
      return 'refused';
    }

    let job: { id: string };
    try {
      ({ job } = await queueGeneration(
        services,
        twitchCaller(channelId, message.chatterId, 'twitch_chat'),
        {
          assetType: command.assetType,
          prompt: command.prompt,
          visibility: settings.publishAtOnce ? 'public' : 'private',
          idempotencyKey: `twitch-chat:${message.messageId}`,
        },
        {
          // With the job, or not at all: whom to answer when it ends, and the cooldowns it starts.
          alongside: async (tx, queued) => {
            await insertTrigger(tx, {
              kind: 'chat',
              jobId: queued.id,
              channelId,
              broadcasterId: message.broadcasterId,
              twitchUserId: message.chatterId,
              userName: user,
              messageId: message.messageId,
            });
            await recordChatStart(tx, channelId, message.chatterId, now);
          },
        },
      ));
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      const reply = failedReply({
        user,
        assetType: command.assetType,
        code: error.code,
        ...(error.retryAfterMs === undefined ? {} : { retryInMs: error.retryAfterMs }),
      });
      return this.#answer(channelId, message, settings, reply, replies);
    }
    const position = await queuePosition(db, job.id);
    replies.push(acknowledgedReply({ user, assetType: command.assetType, position }));
    return 'queued';
  }

  /** Says `text` unless this chatter was told something within the quiet window; records the telling. */
  async #answer(
    channelId: string,
    message: ChatMessage,
    settings: ChatSettings,
    text: string,
    replies: string[],
  ): Promise<ChatOutcome> {
    const db = this.options.services.database.db;
    const now = this.#now();
    const { lastRefusalNotice } = await readCooldowns(db, channelId, message.chatterId);
    const quietMs = Math.max(QUIET_MS, settings.userCooldownSeconds * 1000);
    if (lastRefusalNotice !== null && now.getTime() - lastRefusalNotice < quietMs) return 'refused_quietly';
    await recordChatNotice(db, channelId, message.chatterId, now);
    replies.push(text);
    return 'answered';
  }

  async #status(channelId: string, user: string): Promise<string> {
    const db = this.options.services.database.db;
    // A read: `!gen status` is chat's to spam, and must not write a row each time.
    const channel = await getChannel(db, channelId);
    const fallback = this.options.services.limits.dailyGenerationBudget;
    const daily = channel ? dailyBudgetOf(channel, fallback) : fallback;
    const budgetLeft = daily === null ? null : Math.max(0, daily - (await generationsUsed(db, channelId)));
    return statusReply({ user, queued: await channelQueueLength(db, channelId), budgetLeft });
  }
}
