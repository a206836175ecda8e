import { EventSubscription, type OBSWebSocketError } from 'obs-websocket-js';
import type { ObsTarget } from '../url/overlay-config.js';
import { type ObsCall, type ObsSocket, obsErrorCode, RESOURCE_ALREADY_EXISTS } from './obs-socket.js';
import type { SlotInputKind } from './slot-input-settings.js';

/** A call made on a connection that closed before OBS answered. */
export class ObsConnectionLost extends Error {
  constructor(readonly closing: OBSWebSocketError | undefined) {
    super(`the connection to OBS closed${closing?.message ? `: ${closing.message}` : ''}`);
    this.name = 'ObsConnectionLost';
  }
}

/** One working connection to OBS, with the scene in place and the input kind this OBS has. */
export interface ObsSession {
  readonly inputKind: SlotInputKind;
  /** Like `socket.call`, but rejects with `ObsConnectionLost` if the connection ends first. */
  readonly call: ObsCall;
  /** Settles when the connection ends, however it ends, with OBS's reason when there is one. */
  readonly ended: Promise<OBSWebSocketError | undefined>;
  close(): void;
}

/**
 * Connects `socket` to OBS, creates `scene` when OBS has none of that name, and picks the input
 * kind: browser_source where OBS has it, else image_source (Debian's OBS has no obs-browser).
 * Throws what obs-websocket-js threw when OBS cannot be reached or refuses.
 */
export async function openObsSession(
  socket: ObsSocket,
  target: ObsTarget,
  scene: string,
): Promise<ObsSession> {
  const ended = new Promise<OBSWebSocketError | undefined>((resolve) =>
    socket.on('ConnectionClosed', resolve),
  );
  // obs-websocket-js forgets a call in flight when the socket closes: without this it would never settle.
  const lost = ended.then((closing) => Promise.reject(new ObsConnectionLost(closing)));
  lost.catch(() => undefined);
  const call: ObsCall = (requestType, requestData) =>
    // `lost` first: on a closed socket both have settled, and the race takes the first it was given.
    Promise.race([lost, socket.call(requestType, requestData)]);
  try {
    await socket.connect(target.url, target.password || undefined, {
      eventSubscriptions: EventSubscription.None,
    });
    const { scenes } = await call('GetSceneList');
    if (!scenes.some((listed) => listed.sceneName === scene))
      await call('CreateScene', { sceneName: scene }).catch((error: unknown) => {
        // Another client (a second overlay page) made it between the two calls: as good.
        if (obsErrorCode(error) !== RESOURCE_ALREADY_EXISTS) throw error;
      });
    const { inputKinds } = await call('GetInputKindList', { unversioned: true });
    return {
      inputKind: inputKinds.includes('browser_source') ? 'browser_source' : 'image_source',
      call,
      ended,
      close: () => void socket.disconnect().catch(() => undefined),
    };
  } catch (error) {
    await socket.disconnect().catch(() => undefined);
    throw error;
  }
}
