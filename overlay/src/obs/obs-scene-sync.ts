import OBSWebSocket from 'obs-websocket-js';
import { type Asset, type Clock, type ReconnectPolicy, reconnectDelay } from '../../../client/index.js';
import { redact } from '../status/redact.js';
import type { ObsTarget, SlotSettings } from '../url/overlay-config.js';
import { applySlot } from './apply-slot.js';
import { ObsNoAnswer, obsFailureMessage, obsLostMessage } from './obs-failure-message.js';
import { ObsConnectionLost, type ObsSession, openObsSession } from './obs-session.js';
import type { ObsSocket } from './obs-socket.js';
import type { SceneSync, SceneSyncStatus } from './scene-sync.js';
import { slotPicture } from './slot-input-settings.js';

/** How the sync waits between attempts to reach OBS: 0.5–1 s first, doubling, never more than 10 s. */
export const OBS_RECONNECT_POLICY: ReconnectPolicy = { baseMs: 1000, maxMs: 10_000, healthyMs: 10_000 };

/** A host that takes the connection and never answers (not OBS, or a dropped packet) is given up on after this. */
export const OBS_CONNECT_TIMEOUT_MS = 10_000;

export interface ObsSceneSyncOptions {
  readonly target: ObsTarget;
  readonly scene: string;
  /** The public URL of a public asset's file (`createStudioApi(…).publicFileUrl`): OBS loads it itself. */
  readonly publicFileUrl: (assetId: string, size: string) => string;
  /** A new obs-websocket-js socket for each attempt; tests hand in a fake. */
  readonly obs?: () => ObsSocket;
  readonly retry?: Partial<ReconnectPolicy>;
  readonly clock?: Clock;
  /** A number in [0, 1) for the jitter of the waits; `Math.random` unless a test fixes it. */
  readonly random?: () => number;
  /** Once per `show()` that reached OBS: its scene item exists, shows the asset and sits in its box, `ms` after the call. */
  readonly onApplied?: (slot: SlotSettings, asset: Asset, ms: number) => void;
}

/** A slot's latest: the asset it shows, or `null` once that asset went private or was deleted. */
interface Latest {
  readonly slot: SlotSettings;
  readonly asset: Asset | null;
  readonly shownAt: number;
  reported: boolean;
}

const PERFORMANCE_CLOCK: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => performance.now(),
};

/** A bug in a caller's listener surfaces as an uncaught error, without stopping the sync. */
function safely<A extends unknown[]>(listener: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    listener?.(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The scene sync over obs-websocket: keeps one input per slot in `scene` showing that slot's latest
 * public asset. Changes go to OBS one at a time (so a burst never creates an input twice) and a
 * burst collapses to the latest per slot; while OBS is away it retries with backoff and jitter,
 * and on every (re)connection it gives OBS the latest of every slot again.
 */
export function createObsSceneSync(options: ObsSceneSyncOptions): SceneSync {
  const { target, scene, publicFileUrl } = options;
  const newSocket = options.obs ?? (() => new OBSWebSocket());
  const clock = options.clock ?? PERFORMANCE_CLOCK;
  const random = options.random ?? Math.random;
  const policy = { ...OBS_RECONNECT_POLICY, ...options.retry };

  const latest = new Map<string, Latest>();
  /** Slots whose latest this connection has not yet given OBS, in the order they changed. */
  const pending = new Set<string>();
  const listeners = new Set<(status: SceneSyncStatus) => void>();
  let status: SceneSyncStatus = { state: 'connecting', attempt: 0 };
  let session: ObsSession | undefined;
  let openedAt = 0;
  /** Attempts since the last connection that stayed up `healthyMs`: the backoff's exponent. */
  let failures = 0;
  let timer: unknown;
  let applying = false;
  let closed = false;

  function report(next: SceneSyncStatus): void {
    status = next;
    for (const listener of [...listeners]) safely(listener, next);
  }

  async function connect(): Promise<void> {
    timer = undefined;
    report({ state: 'connecting', attempt: failures });
    let opened: ObsSession;
    try {
      opened = await withinConnectTimeout(newSocket());
    } catch (error) {
      retryLater(obsFailureMessage(error, target));
      return;
    }
    if (closed) {
      opened.close();
      return;
    }
    session = opened;
    openedAt = clock.now();
    void opened.ended.then((closing) => {
      if (session === opened) drop(obsLostMessage(closing, target));
    });
    report({ state: 'connected', scene, inputKind: opened.inputKind });
    // OBS may have restarted without our inputs, or missed what changed while it was away.
    for (const name of latest.keys()) pending.add(name);
    void applyPending();
  }

  function withinConnectTimeout(socket: ObsSocket): Promise<ObsSession> {
    let gaveUp = false;
    let timeout: unknown;
    const opening = openObsSession(socket, target, scene);
    // A session that opens after all is closed at once: the next attempt is already on its way.
    void opening.then(
      (late) => {
        if (gaveUp) late.close();
      },
      () => undefined,
    );
    const noAnswer = new Promise<never>((_, reject) => {
      timeout = clock.setTimeout(() => {
        gaveUp = true;
        void socket.disconnect().catch(() => undefined);
        reject(new ObsNoAnswer(OBS_CONNECT_TIMEOUT_MS));
      }, OBS_CONNECT_TIMEOUT_MS);
    });
    return Promise.race([opening, noAnswer]).finally(() => clock.clearTimeout(timeout));
  }

  function drop(message: string): void {
    const ending = session;
    session = undefined;
    if (clock.now() - openedAt >= policy.healthyMs) failures = 0;
    ending?.close();
    retryLater(message);
  }

  function retryLater(message: string): void {
    if (closed) return;
    const retryInMs = reconnectDelay(failures, policy, random);
    failures += 1;
    report({ state: 'error', message, retryInMs });
    timer = clock.setTimeout(() => void connect(), retryInMs);
  }

  async function applyPending(): Promise<void> {
    if (applying) return;
    applying = true;
    try {
      for (let name = first(pending); session && name !== undefined; name = first(pending)) {
        const current = session;
        const wanted = latest.get(name)!;
        pending.delete(name);
        try {
          await applySlot(current.call, {
            scene,
            slot: wanted.slot,
            inputKind: current.inputKind,
            picture: wanted.asset && slotPicture(wanted.asset, publicFileUrl),
          });
        } catch (error) {
          // The next connection starts by applying every slot again, this one included.
          if (session === current)
            drop(
              error instanceof ObsConnectionLost
                ? obsLostMessage(error.closing, target)
                : redact(`OBS would not show the ${wanted.slot.label}: ${reasonOf(error)}`, [
                    target.password,
                  ]),
            );
          continue;
        }
        if (wanted.asset && !wanted.reported) {
          wanted.reported = true;
          safely(options.onApplied, wanted.slot, wanted.asset, clock.now() - wanted.shownAt);
        }
      }
    } finally {
      applying = false;
    }
  }

  function change(slot: SlotSettings, asset: Asset | null): void {
    latest.set(slot.name, { slot, asset, shownAt: clock.now(), reported: false });
    pending.add(slot.name);
    void applyPending();
  }

  function remove(assetId: string): void {
    if (closed) return;
    for (const { slot, asset } of [...latest.values()]) if (asset?.id === assetId) change(slot, null);
  }

  void connect();

  return {
    show(slot, asset) {
      if (closed) return;
      // Only public assets go on stream; one that is not must not stay there either.
      if (asset.visibility !== 'public') remove(asset.id);
      else change(slot, asset);
    },
    remove,
    onStatus(listener) {
      listeners.add(listener);
      safely(listener, status);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      session?.close();
      session = undefined;
      report({ state: 'off' });
    },
  };
}

const first = (names: Set<string>): string | undefined => names.values().next().value;
