import { assetMovesBefore } from '../assets/asset-store.js';
import { dueOrphans } from './orphan-file-store.js';
import { removeOrphans } from './remove-orphans.js';
import { type SettleDeps, settleAssetMove } from './settle-asset-move.js';

export interface FileReconcilerOptions {
  /** How often to look for unfinished work after the first pass. */
  readonly intervalMs?: number;
  /** A visibility change younger than this is left to the request that asked for it. */
  readonly moveGraceMs?: number;
  readonly now?: () => Date;
}

/** What one pass finished. */
export interface ReconcileResult {
  readonly movesSettled: number;
  readonly orphansRemoved: number;
}

/**
 * Finishes what a crash cut short so files always end up where the rows say: visibility changes
 * that were recorded but not finished, and files no row owns (a deleted asset's, a dead attempt's,
 * a replaced logo's). Runs once at start and then periodically; safe beside requests doing the
 * same work and beside other server processes.
 */
export class FileReconciler {
  readonly #deps: SettleDeps;
  readonly #intervalMs: number;
  readonly #moveGraceMs: number;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(deps: SettleDeps, options: FileReconcilerOptions = {}) {
    this.#deps = deps;
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#moveGraceMs = options.moveGraceMs ?? 30_000;
    this.#now = options.now ?? (() => new Date());
  }

  /** Finishes everything left over from before the start, then keeps looking every interval. */
  async start(): Promise<ReconcileResult> {
    const first = await this.reconcile({ moveGraceMs: 0 });
    this.#timer = setInterval(() => {
      this.#running ??= this.reconcile()
        .catch((err) => this.#deps.logger.error({ err }, 'reconciling files failed'))
        .finally(() => {
          this.#running = undefined;
        });
    }, this.#intervalMs);
    this.#timer.unref();
    return first;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass: settles recorded visibility changes, then removes orphaned files. */
  async reconcile(options: { moveGraceMs?: number } = {}): Promise<ReconcileResult> {
    const { database, storage, logger } = this.#deps;
    const now = this.#now();
    const before = new Date(now.getTime() - (options.moveGraceMs ?? this.#moveGraceMs));
    let movesSettled = 0;
    for (const assetId of await assetMovesBefore(database.db, before)) {
      // One asset whose storage keeps failing must not hold up the others, nor the server's start:
      // its record stays, and the next pass tries again.
      try {
        await settleAssetMove(this.#deps, assetId);
        movesSettled++;
      } catch (err) {
        logger.warn({ err, assetId }, 'finishing a visibility change failed; will try again');
      }
    }
    const orphans = await dueOrphans(database.db, now);
    let orphansRemoved = 0;
    try {
      await removeOrphans(database.db, storage, orphans);
      orphansRemoved = orphans.length;
    } catch (err) {
      logger.warn({ err, orphans: orphans.length }, 'removing orphaned files failed; will try again');
    }
    if (movesSettled + orphansRemoved > 0) logger.info({ movesSettled, orphansRemoved }, 'files reconciled');
    return { movesSettled, orphansRemoved };
  }
}
