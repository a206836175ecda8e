import OBSWebSocket from 'obs-websocket-js';
import { obsAddress, obsFailureMessage } from '../obs/obs-failure-message.js';
import type { ObsSocket } from '../obs/obs-socket.js';
import type { ObsTarget } from '../url/overlay-config.js';

/** What testing the connection found: OBS's version and its scenes, or why not in words. */
export type ObsTestResult =
  | {
      readonly ok: true;
      readonly obsVersion: string;
      readonly scenes: readonly string[];
      readonly currentScene: string;
    }
  | { readonly ok: false; readonly message: string };

export interface ObsTestOptions {
  readonly createSocket?: () => ObsSocket;
  readonly timeoutMs?: number;
}

const WHERE_TO_LOOK =
  'In OBS: Tools → WebSocket Server Settings (Enable WebSocket server; Show Connect Info gives the address and password).';

/**
 * Connects to OBS from this browser as the overlay will, asks its version and scenes, and
 * disconnects. Never throws: a failure comes back in the words the overlay's status dot uses,
 * never with the password.
 */
export async function testObsConnection(
  target: ObsTarget,
  options: ObsTestOptions = {},
): Promise<ObsTestResult> {
  // Browsers resolve a WebSocket address without a scheme against this page (seen in Chromium:
  // "127.0.0.1:4455" reached the Studio server), which would read as "OBS is not running".
  if (!/^wss?:\/\//.test(target.url.trim()))
    return { ok: false, message: 'The OBS address starts with ws:// or wss://, like ws://127.0.0.1:4455.' };
  const obs = (options.createSocket ?? (() => new OBSWebSocket()))();
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ObsTestResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          message: `No answer from OBS at ${obsAddress(target.url)} within ${timeoutMs / 1000} s. ${WHERE_TO_LOOK}`,
        }),
      timeoutMs,
    );
  });
  const attempt = (async (): Promise<ObsTestResult> => {
    try {
      await obs.connect(target.url.trim(), target.password || undefined);
      const { obsVersion } = await obs.call('GetVersion');
      const { scenes, currentProgramSceneName } = await obs.call('GetSceneList');
      return {
        ok: true,
        obsVersion,
        // obs-websocket lists scenes bottom first (seen on OBS 29); the dock shows the highest index on top.
        scenes: [...scenes]
          .sort((a, b) => Number(b.sceneIndex) - Number(a.sceneIndex))
          .map((scene) => String(scene.sceneName)),
        currentScene: currentProgramSceneName,
      };
    } catch (error) {
      return { ok: false, message: `${obsFailureMessage(error, target)}. ${WHERE_TO_LOOK}` };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
    await obs.disconnect().catch(() => undefined);
  }
}
