import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import type { Asset, AssetFile, AssetSource } from '../assets/asset.js';
import { completeJobWithAsset } from '../assets/asset-store.js';
import { toAssetView } from '../assets/asset-view.js';
import type { Database } from '../db/open-database.js';
import { LeaseLostError } from '../errors/index.js';
import type { EventHub } from '../events/event-hub.js';
import { type Orphan, recordOrphans, removeOrphans } from '../files/index.js';
import { type GenerationStage, generateAsset } from '../generation/index.js';
import type { Job } from '../jobs/job.js';
import {
  claimNextJob,
  heartbeat,
  type Lease,
  recordProgress,
  requeueStaleJobs,
  settleAttempt,
} from '../jobs/job-store.js';
import type { Logger } from '../logging/logger.js';
import type { PromptTemplates } from '../prompts/index.js';
import type { ImageProvider } from '../providers/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { classifyError } from './classify-error.js';
import { loadLikeness } from './load-likeness.js';
import { loadPackStyle } from './load-pack-style.js';
import { loadParentSource } from './load-parent-source.js';
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
  /** Called each time a pass over the queue ends (slots full, nothing due, or the provider paused), so a test can wait for one instead of sleeping. */
  readonly afterClaimPass?: () => void;
}

/** What the application needs from the worker: a nudge when a job is queued here. */
export interface JobRunner {
  wake(): void;
}

interface Attempt {
  readonly lease: Lease;
  readonly controller: AbortController;
}

/**
 * Works off queued jobs from the database, `concurrency` at a time. The database is the queue:
 * jobs are claimed with `FOR UPDATE SKIP LOCKED` under a lease that names this claim, refreshed
 * while they run; every write an attempt makes is fenced on that lease, so a worker whose lease
 * lapsed (and whose job another worker took) can no longer complete, fail or requeue it. A job
 * whose worker died is queued again, so a crash or restart loses nothing; a cancel, from any
 * process, reaches the attempt through the event stream.
 */
export class JobWorker implements JobRunner {
  readonly workerId: string;
  /** The process-wide gate in front of the provider; it slows every job down when the provider rate-limits. */
  readonly throttle: ProviderThrottle;
  readonly #options: JobWorkerOptions;
  readonly #provider: ImageProvider;
  readonly #queue: PQueue;
  /** Attempts running here, by lease holder. */
  readonly #running = new Map<string, Attempt>();
  readonly #leaseMs: number;
  #claims = 0;
  #timers: NodeJS.Timeout[] = [];
  #unsubscribe: (() => void)[] = [];
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
    const { events } = this.#options;
    this.#unsubscribe = [
      events.subscribeType('job.cancelled', (event) => this.#abortJob(event.data.id, 'job cancelled')),
      // Jobs queued by another server process are picked up at once, not at the next poll.
      events.subscribeAnnouncements('job.queued', () => this.wake()),
    ];
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
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#timers = [];
    this.#unsubscribe = [];
    const idle = this.#queue.onIdle();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
    if ((await Promise.race([idle, timeout])) === 'timeout') {
      for (const { controller } of this.#running.values())
        controller.abort(new Error('server shutting down'));
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
        this.#options.afterClaimPass?.();
        if (this.#refill) {
          this.#refill = false;
          this.wake();
        }
      });
  }

  #abortJob(jobId: string, reason: string): void {
    for (const { lease, controller } of this.#running.values())
      if (lease.jobId === jobId) controller.abort(new Error(reason));
  }

  async #fill(): Promise<void> {
    const { database, concurrency } = this.#options;
    // While the provider is rate-limited, queued jobs stay queued (the pause ends with a wake-up).
    while (!this.#stopped && this.#running.size < concurrency && !this.throttle.paused) {
      const holder = `${this.workerId}:${++this.#claims}`;
      const job = await claimNextJob(database.db, holder);
      if (!job) return;
      const attempt = { lease: { jobId: job.id, holder }, controller: new AbortController() };
      this.#running.set(holder, attempt);
      void this.#queue
        .add(() => this.#run(job, attempt))
        .finally(() => {
          this.#running.delete(holder);
          this.wake();
        });
    }
  }

  async #run(claimed: Job, { lease, controller }: Attempt): Promise<void> {
    const { database, storage, logger } = this.#options;
    const { signal } = controller;
    const log = logger.child({ jobId: claimed.id, channelId: claimed.channelId });
    log.info({ assetType: claimed.assetType, attempt: claimed.retryCount + 1 }, 'job started');
    const started = performance.now();
    const assetId = randomUUID();
    const written: Orphan[] = [];
    try {
      const { brandKit, brandKitId, logo } = await resolveBrandKit(database.db, storage, claimed);
      const likeness = await loadLikeness(database.db, storage, claimed, brandKitId, log);
      const style = await loadPackStyle(database.db, storage, claimed);
      const { parentAssetId } = claimed;
      const source = parentAssetId
        ? await loadParentSource(database.db, storage, { ...claimed, parentAssetId })
        : undefined;
      const result = await generateAsset(
        { templates: this.#options.templates, provider: this.#provider },
        {
          assetType: claimed.assetType,
          userText: claimed.prompt,
          brandKit,
          ...(logo ? { logo } : {}),
          ...(source ? { source } : {}),
          ...(likeness.length > 0 ? { likeness } : {}),
          ...(style ? { style } : {}),
        },
        { signal, onStage: (stage) => this.#progress(lease, controller, PROGRESS[stage]) },
      );
      const files: AssetFile[] = result.files.map((file) => ({
        width: file.width,
        height: file.height,
        bytes: file.bytes,
        contentType: file.contentType,
        storageKey: `assets/${assetId}/${file.width}x${file.height}.png`,
      }));
      // The provider's original, kept privately whatever the asset's visibility (a refinement edits it).
      const kept: AssetSource = {
        storageKey: `assets/${assetId}/source.${result.source.type.extension}`,
        contentType: result.source.type.contentType,
      };
      // Recorded before they exist: if this process dies mid-upload, the sweeper removes them
      // once the lease is gone; until then they are this attempt's own.
      written.push(
        ...files.map((file) => ({ storageKey: file.storageKey, visibility: claimed.visibility })),
        { storageKey: kept.storageKey, visibility: 'private' },
      );
      await recordOrphans(database.db, written, { claim: { jobId: lease.jobId, leaseHolder: lease.holder } });
      for (const [i, file] of result.files.entries()) {
        signal.throwIfAborted();
        await storage.put({
          key: files[i]!.storageKey,
          data: file.data,
          contentType: file.contentType,
          visibility: claimed.visibility,
        });
      }
      signal.throwIfAborted();
      await storage.put({
        key: kept.storageKey,
        data: result.source.data,
        contentType: kept.contentType,
        visibility: 'private',
      });
      await this.#progress(lease, controller, PROGRESS.files_stored);
      signal.throwIfAborted();
      const asset: Asset = {
        id: assetId,
        jobId: claimed.id,
        channelId: claimed.channelId,
        assetType: claimed.assetType,
        visibility: claimed.visibility,
        files,
        createdAt: new Date(),
        parentAssetId,
        source: kept,
      };
      await completeJobWithAsset(database.db, lease, asset, await toAssetView(asset, storage), {
        model: result.image.model,
        usage: result.image.usage,
      });
      log.info(
        { assetId, ms: Math.round(performance.now() - started), model: result.image.model },
        'job completed',
      );
    } catch (error) {
      await removeOrphans(database.db, storage, written).catch((err) =>
        log.warn({ err }, 'removing files failed; the reconciler will'),
      );
      await this.#settleFailure(lease, signal.aborted ? signal.reason : error, log);
    }
  }

  /** Records a failed attempt: back in the queue under the retry policy, or failed for good. */
  async #settleFailure(lease: Lease, error: unknown, log: Logger): Promise<void> {
    if (error instanceof LeaseLostError) {
      log.info({ holder: lease.holder }, 'job was taken from this worker; attempt dropped');
      return;
    }
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
      const { job, delayMs } = await settleAttempt(this.#options.database.db, lease, event);
      const level = job.status === 'failed' ? 'warn' : 'info';
      log[level](
        { code: failure.code, status: job.status, retryCount: job.retryCount, delayMs, err: error },
        'job attempt failed',
      );
    } catch (writeError) {
      // Cancelled, or taken over after a lapsed lease, meanwhile: that state stands.
      if (writeError instanceof LeaseLostError)
        log.info({ code: failure.code }, 'job ended elsewhere during the attempt');
      else throw writeError;
    }
  }

  /** Records progress; a lease found lost aborts the attempt. */
  async #progress(lease: Lease, controller: AbortController, progress: number): Promise<void> {
    const job = await recordProgress(this.#options.database.db, lease, progress);
    if (!job) controller.abort(new LeaseLostError(lease.jobId, 'no longer held'));
  }

  /** Renews this worker's leases; an attempt whose lease was not renewed lost its job and stops. */
  async #heartbeat(): Promise<void> {
    const attempts = [...this.#running.values()];
    if (attempts.length === 0) return;
    try {
      const renewed = await heartbeat(
        this.#options.database.db,
        attempts.map((a) => a.lease.holder),
      );
      for (const { lease, controller } of attempts) {
        if (renewed.has(lease.holder) || controller.signal.aborted) continue;
        this.#options.logger.warn(
          { jobId: lease.jobId, holder: lease.holder },
          'lease lost; aborting the attempt and removing its files',
        );
        controller.abort(new LeaseLostError(lease.jobId, 'no longer held'));
      }
    } catch (err) {
      this.#options.logger.warn({ err }, 'job heartbeat failed');
    }
  }

  async #recover(): Promise<void> {
    try {
      const requeued = await requeueStaleJobs(this.#options.database.db, { olderThanMs: this.#leaseMs });
      for (const job of requeued) {
        this.#options.logger.warn(
          { jobId: job.id, channelId: job.channelId, status: job.status },
          'job recovered from a stopped worker',
        );
      }
      if (requeued.length > 0) this.wake();
    } catch (err) {
      this.#options.logger.error({ err }, 'recovering stale jobs failed');
    }
  }
}
