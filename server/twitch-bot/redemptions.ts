import { acknowledgedReply, type ChatSettings, failedReply } from '../chat/index.js';
import { StudioError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { findRewardByTwitchId } from '../twitch/twitch-reward-store.js';
import { queueGeneration, type Services } from '../use-cases/index.js';
import { twitchCaller } from './chat-caller.js';
import type { Redemption } from './twitch-notifications.js';
import { takeReceipt } from './twitch-receipts.js';
import { insertTrigger, queuePosition } from './twitch-trigger-store.js';
import type { TwitchVoice } from './twitch-voice.js';

export type RedemptionOutcome = 'ignored' | 'duplicate' | 'queued' | 'refused';

export interface RedemptionsOptions {
  readonly services: Services;
  readonly voice: TwitchVoice;
  readonly logger: Logger;
  /** The channel's chat settings (whether what it makes goes public at once). */
  readonly settingsOf: (channelId: string) => Promise<ChatSettings>;
}

/**
 * Turns a redemption of one of our rewards into a job, with the viewer's text as the description.
 * Refused at once (the budget, the queue, a description the sanitizer will not take): the
 * redemption is cancelled, which gives the viewer their points back, and chat is told why.
 */
export class Redemptions {
  constructor(private readonly options: RedemptionsOptions) {}

  async handle(channelId: string, redemption: Redemption): Promise<RedemptionOutcome> {
    const { services, voice } = this.options;
    const db = services.database.db;
    const reward = await findRewardByTwitchId(db, redemption.rewardId);
    // Another tool's reward, or ours on another channel: not ours to settle.
    if (!reward || reward.channelId !== channelId) return 'ignored';
    if (!(await takeReceipt(db, `redemption:${redemption.id}`))) return 'duplicate';
    const settings = await this.options.settingsOf(channelId);
    const user = redemption.userName;
    let job: { id: string };
    try {
      ({ job } = await queueGeneration(
        services,
        twitchCaller(channelId, redemption.userId, 'channel_points'),
        {
          assetType: reward.assetType,
          prompt: redemption.input,
          visibility: settings.publishAtOnce ? 'public' : 'private',
          idempotencyKey: `channel-points:${redemption.id}`,
        },
        {
          alongside: (tx, queued) =>
            insertTrigger(tx, {
              kind: 'redemption',
              jobId: queued.id,
              channelId,
              broadcasterId: redemption.broadcasterId,
              twitchUserId: redemption.userId,
              userName: user,
              rewardId: redemption.rewardId,
              redemptionId: redemption.id,
            }),
        },
      ));
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      await this.#refund(redemption);
      await voice
        .say(
          redemption.broadcasterId,
          failedReply({
            user,
            assetType: reward.assetType,
            code: error.code,
            ...(error.retryAfterMs === undefined ? {} : { retryInMs: error.retryAfterMs }),
          }),
        )
        .catch((err: unknown) => this.options.logger.warn({ err }, 'redemption refusal not said'));
      return 'refused';
    }
    const position = await queuePosition(db, job.id);
    await voice.say(
      redemption.broadcasterId,
      acknowledgedReply({ user, assetType: reward.assetType, position }),
    );
    return 'queued';
  }

  async #refund(redemption: Redemption): Promise<void> {
    await this.options.voice
      .settleRedemption(redemption.broadcasterId, redemption.rewardId, redemption.id, 'CANCELED')
      .catch((err: unknown) =>
        this.options.logger.warn({ err, redemptionId: redemption.id }, 'redemption not cancelled'),
      );
  }
}
