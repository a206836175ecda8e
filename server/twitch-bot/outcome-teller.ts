import { listAssetsForJob } from '../assets/asset-store.js';
import { cancelledReply, doneReply, failedReply, reviewReply } from '../chat/index.js';
import { getJob } from '../jobs/job-store.js';
import type { Logger } from '../logging/logger.js';
import type { Services } from '../use-cases/index.js';
import { settleTrigger, type TwitchTrigger, untoldEndedJobs } from './twitch-trigger-store.js';
import type { TwitchVoice } from './twitch-voice.js';

export interface OutcomeTellerOptions {
  readonly services: Services;
  readonly voice: TwitchVoice;
  readonly logger: Logger;
  /** The server's public URL: a public asset's link in chat is `<it>/asset/<id>`. */
  readonly publicBaseUrl: string;
}

/**
 * Tells Twitch how each chat or channel-point job ended: a reply threaded to the command (the
 * link when the asset is public), and for a redemption, fulfilled or cancelled (points back).
 * Each job is told once: the trigger is claimed in the database before anything is said.
 */
export class OutcomeTeller {
  constructor(private readonly options: OutcomeTellerOptions) {}

  /** Tells the job's outcome if it came from Twitch and is not yet told; true when this call told it. */
  async tell(jobId: string): Promise<boolean> {
    const db = this.options.services.database.db;
    const trigger = await settleTrigger(db, jobId);
    if (!trigger) return false;
    const job = await getJob(db, trigger.channelId, jobId);
    if (!job) return false;
    const user = trigger.userName;
    let text: string;
    if (job.status === 'completed') {
      const [asset] = await listAssetsForJob(db, trigger.channelId, jobId);
      text =
        asset?.visibility === 'public'
          ? doneReply({
              user,
              assetType: job.assetType,
              url: `${this.options.publicBaseUrl}/asset/${asset.id}`,
            })
          : reviewReply({ user, assetType: job.assetType });
    } else if (job.status === 'cancelled') {
      text = cancelledReply({ user, assetType: job.assetType });
    } else {
      text = failedReply({ user, assetType: job.assetType, code: job.errorCode ?? 'INTERNAL_ERROR' });
    }
    if (trigger.kind === 'redemption') await this.#settle(trigger, job.status === 'completed');
    await this.#say(trigger, text);
    return true;
  }

  /** Tells every ended job still untold: their events came while no process of ours was listening. */
  async sweep(): Promise<number> {
    let told = 0;
    for (const jobId of await untoldEndedJobs(this.options.services.database.db))
      if (await this.tell(jobId)) told += 1;
    return told;
  }

  async #settle(trigger: Extract<TwitchTrigger, { kind: 'redemption' }>, fulfilled: boolean): Promise<void> {
    await this.options.voice
      .settleRedemption(
        trigger.broadcasterId,
        trigger.rewardId,
        trigger.redemptionId,
        fulfilled ? 'FULFILLED' : 'CANCELED',
      )
      .catch((err: unknown) =>
        this.options.logger.warn({ err, redemptionId: trigger.redemptionId }, 'redemption not settled'),
      );
  }

  async #say(trigger: TwitchTrigger, text: string): Promise<void> {
    const replyTo = trigger.kind === 'chat' ? trigger.messageId : undefined;
    await this.options.voice
      .say(trigger.broadcasterId, text, replyTo)
      .catch((err: unknown) =>
        this.options.logger.warn({ err, jobId: trigger.jobId }, 'outcome not said in chat'),
      );
  }
}
