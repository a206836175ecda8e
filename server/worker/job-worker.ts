import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import type { AssetFile } from '../assets/asset.js';
import { completeJobWithAsset } from '../assets/asset-store.js';
import { toAssetView } from '../assets/asset-view.js';
import type { Database } from '../db/open-database.js';
import { InvalidTransitionError } from '../errors/index.js';
import type { EventHub } from '../events/event-hub.js';
import { type GenerationStage, generateAsset } from '../generation/index.js';
import type { Job } from '../jobs/job.js';
import { jobEvent, jobStatusEvent } from '../jobs/job-events.js';
import {
  applyJobEvent,
  claimNextJob,
  heartbeat,
  requeueStaleJobs,
  setJobProgress,
} from '../jobs/job-store.js';
import type { Logger } from '../logging/logger.js';
import type { PromptTemplates } from '../prompts/index.js';
import type { ImageProvider } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { classifyError } from './classify-error.js';
import { ProviderThrottle } from './provider-throttle.js';
import { resolveBrandKit } from './resolve-brand-kit.js';
import { ThrottledProvider } from './throttled-provider.js';

/** Job progress (percent) when each milestone is reached. */
const PROGRESS: Record<GenerationStage | 'files_stored', number> = {
  prompt_built: 10,
  image_generated: 60,
  image_processed: 80,
  files_stored: 95,
};

export interface JobWorkerOptions {
  readonly database: Database;
  readonly storage: StorageDriver;
  readonly provider: ImageProvider;
  readonly templates: PromptTemplates;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly concurrency: number;
  readonly workerId?: string;
  /** A processing job whose worker has not been heard from for this long is queued again. */
  readonly leaseMs?: number;
  /** How often the queue is looked at without a wake-up (delayed retries, other processes' jobs). */
  readonly pollMs?: number;
}

/** What routes need from the worker: a nudge when a job is queued, an abort when one is cancelled. */
export interface JobRunner {
  wake(): void;
  cancel(jobId: string): void;
}

/**
 * Works off queued jobs from the database, `concurrency` at a time. The database is the queue:
 * jobs are claimed with `FOR UPDATE SKIP LOCKED`, held under a lease refreshed while they run,
 * and a job whose worker died is queued again, so a crash or restart loses nothing.
 */
export class JobWorker implements JobRunner {
  readonly workerId: string;
  /** The process-wide gate in front of the provider; it slows every job down when the provider rate-limits. */
  readonly throttle: ProviderThrottle;
  readonly #options: JobWorkerOptions;
  readonly #provider: ImageProvider;
  readonly #queue: PQueue;
  readonly #running = new Map<string, AbortController>();
  readonly #leaseMs: number;
  #timers: NodeJS.Timeout[] = [];
  #filling: Promise<void> | null = null;
  #refill = false;
  #stopped = true;

  constructor(options: JobWorkerOptions) {
    this.#options = options;
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#queue = new PQueue({ concurrency: options.concurrency });
    this.throttle = new ProviderThrottle({ maxConcurrency: options.concurrency, onOpen: () => this.wake() });
    this.#provider = new ThrottledProvider(options.provider, this.throttle, { logger: options.logger });
  }

  /** Queues again what a dead worker left behind, then starts claiming. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#recover();
    const pollMs = this.#options.pollMs ?? 1000;
    this.#timers = [
      setInterval(() => this.wake(), pollMs),
      setInterval(() => void this.#heartbeat(), Math.max(50, Math.floor(this.#leaseMs / 3))),
      setInterval(() => void this.#recover(), this.#leaseMs),
    ];
    for (const timer of this.#timers) timer.unref();
    this.wake();
  }

  /** Stops claiming, lets running jobs finish for up to `graceMs`, then aborts them (their lease expires and they run again later). */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    const idle = this.#queue.onIdle();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
    if ((await Promise.race([idle, timeout])) === 'timeout') {
      for (const controller of this.#running.values()) controller.abort(new Error('server shutting down'));
      await idle;
    }
  }

  /** Jobs running in this process now. */
  get busy(): number {
    return this.#running.size;
  }

  /** Claims queued jobs until every slot is busy or the queue is empty. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#filling) {
      this.#refill = true;
      return;
    }
    this.#filling = this.#fill()
      .catch((error) => this.#options.logger.error({ err: error }, 'claiming jobs failed'))
      .finally(() => {
        this.#filling = null;
        if (this.#refill) {
          this.#refill = false;
          this.wake();
        }
      });
  }

  /** Aborts the job if it runs here; the cancel itself is written by the caller. */
  cancel(jobId: string): void {
    this.#running.get(jobId)?.abort(new Error('job cancelled'));
  }

  async #fill(): Promise<void> {
    const { database, concurrency } = this.#options;
    // While the provider is rate-limited, queued jobs stay queued (the pause ends with a wake-up).
    while (!this.#stopped && this.#running.size < concurrency && !this.throttle.paused) {
      const job = await claimNextJob(database.db, this.workerId);
      if (!job) return;
      const controller = new AbortController();
      this.#running.set(job.id, controller);
      void this.#queue
        .add(() => this.#run(job, controller.signal))
        .finally(() => {
          this.#running.delete(job.id);
          this.wake();
        });
    }
  }

  async #run(claimed: Job, signal: AbortSignal): Promise<void> {
    const { database, storage, events, logger } = this.#options;
    const log = logger.child({ jobId: claimed.id, channelId: claimed.channelId });
    log.info({ assetType: claimed.assetType, attempt: claimed.retryCount + 1 }, 'job started');
    await events.publish(jobEvent('job.progress', claimed));
    const started = performance.now();
    const assetId = randomUUID();
    const stored: string[] = [];
    try {
      const { brandKit, logo } = await resolveBrandKit(database.db, storage, claimed);
      const result = await generateAsset(
        { templates: this.#options.templates, provider: this.#provider },
        { assetType: claimed.assetType, userText: claimed.prompt, brandKit, ...(logo ? { logo } : {}) },
        { signal, onStage: (stage) => this.#progress(claimed, PROGRESS[stage]) },
      );
      const files: AssetFile[] = [];
      for (const file of result.files) {
        const storageKey = `assets/${assetId}/${file.width}x${file.height}.png`;
        await storage.put({
          key: storageKey,
          data: file.data,
          contentType: file.contentType,
          visibility: claimed.visibility,
        });
        stored.push(storageKey);
        files.push({
          width: file.width,
          height: file.height,
          bytes: file.bytes,
          contentType: file.contentType,
          storageKey,
        });
      }
      await this.#progress(claimed, PROGRESS.files_stored);
      signal.throwIfAborted();
      const { job, asset } = await completeJobWithAsset(
        database.db,
        claimed.id,
        { id: assetId, files },
        { model: result.image.model, usage: result.image.usage },
      );
      await events.publish({
        channelId: asset.channelId,
        type: 'asset.created',
        audience: asset.visibility,
        data: await toAssetView(asset, storage),
      });
      await events.publish(jobEvent('job.completed', job));
      log.info(
        { assetId, ms: Math.round(performance.now() - started), model: result.image.model },
        'job completed',
      );
    } catch (error) {
      await storage
        .remove(stored, claimed.visibility)
        .catch((err) => log.warn({ err }, 'removing files failed'));
      await this.#settleFailure(claimed, error, log);
    }
  }

  /** Records a failed attempt: back in the queue under the retry policy, or failed for good. */
  async #settleFailure(claimed: Job, error: unknown, log: Logger): Promise<void> {
    const failure = classifyError(error);
    const event = failure.retryable
      ? {
          type: 'retry' as const,
          code: failure.code,
          message: failure.message,
          ...(failure.retryAfterMs === undefined ? {} : { providerDelayMs: failure.retryAfterMs }),
        }
      : { type: 'fail' as const, code: failure.code, message: failure.message };
    try {
      const { job, delayMs } = await applyJobEvent(this.#options.database.db, null, claimed.id, event);
      await this.#options.events.publish(jobStatusEvent(job));
      const level = job.status === 'failed' ? 'warn' : 'info';
      log[level](
        { code: failure.code, status: job.status, retryCount: job.retryCount, delayMs, err: error },
        'job attempt failed',
      );
    } catch (writeError) {
      // Cancelled (or re-queued by another worker) meanwhile: that state stands.
      if (writeError instanceof InvalidTransitionError)
        log.info({ code: failure.code }, 'job ended elsewhere during the attempt');
      else throw writeError;
    }
  }

  async #progress(job: Job, progress: number): Promise<void> {
    const updated = await setJobProgress(this.#options.database.db, job.id, progress);
    if (updated) await this.#options.events.publish(jobEvent('job.progress', updated));
  }

  async #heartbeat(): Promise<void> {
    if (this.#running.size === 0) return;
    await heartbeat(this.#options.database.db, this.workerId, [...this.#running.keys()]).catch((err) =>
      this.#options.logger.warn({ err }, 'job heartbeat failed'),
    );
  }

  async #recover(): Promise<void> {
    try {
      const requeued = await requeueStaleJobs(this.#options.database.db, { olderThanMs: this.#leaseMs });
      for (const job of requeued) {
        this.#options.logger.warn(
          { jobId: job.id, channelId: job.channelId, status: job.status },
          'job recovered from a stopped worker',
        );
        await this.#options.events.publish(jobStatusEvent(job));
      }
      if (requeued.length > 0) this.wake();
    } catch (err) {
      this.#options.logger.error({ err }, 'recovering stale jobs failed');
    }
  }
}
