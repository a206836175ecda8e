import OBSWebSocket from 'obs-websocket-js';
import type { ObsTarget } from '../url/overlay-config.js';

/** The part of obs-websocket-js the test needs; tests hand in a fake. */
export type ObsSocket = Pick<OBSWebSocket, 'connect' | 'call' | 'disconnect'>;

/** Why the test failed, for a test to branch on; the message says it in words. */
export type ObsFailure =
  | 'bad-address'
  | 'password-needed'
  | 'wrong-password'
  | 'unreachable'
  | 'not-obs'
  | 'timeout'
  | 'refused';

/** What testing the connection found: OBS's version and its scenes, or why not. */
export type ObsTestResult =
  | {
      readonly ok: true;
      readonly obsVersion: string;
      readonly scenes: readonly string[];
      readonly currentScene: string;
    }
  | { readonly ok: false; readonly reason: ObsFailure; readonly message: string };

export interface ObsTestOptions {
  readonly createSocket?: () => ObsSocket;
  readonly timeoutMs?: number;
}

/** obs-websocket's close code for a failed Identify: a wrong password, or none when one is required. */
const AUTHENTICATION_FAILED = 4009;
const UNSUPPORTED_RPC_VERSION = 4010;
const WHERE_THE_PASSWORD_IS = 'OBS → Tools → WebSocket Server Settings → Show Connect Info';

const failed = (reason: ObsFailure, message: string): ObsTestResult => ({ ok: false, reason, message });

/** obs-websocket-js rejects with `OBSWebSocketError { code, message }`: a close code, or -1 for a socket error. */
function failureOf(error: unknown, target: ObsTarget): ObsTestResult {
  if (error instanceof DOMException && error.name === 'SyntaxError')
    return failed(
      'bad-address',
      `“${target.url}” is not a websocket address; it looks like ws://127.0.0.1:4455.`,
    );
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : '';
  if (code === AUTHENTICATION_FAILED)
    return target.password
      ? failed(
          'wrong-password',
          `OBS refused the password (wrong password). Copy it again from ${WHERE_THE_PASSWORD_IS}.`,
        )
      : failed('password-needed', `OBS asks for a password. Copy it from ${WHERE_THE_PASSWORD_IS}.`);
  if (code === UNSUPPORTED_RPC_VERSION || /subprotocol/.test(message))
    return failed(
      'not-obs',
      `Something answered at ${target.url}, but not obs-websocket 5 (OBS 28 or newer).`,
    );
  if (typeof code === 'number' && code >= 4000)
    return failed('refused', `OBS closed the connection: ${message || `code ${code}`}.`);
  return failed(
    'unreachable',
    `Nothing answered at ${target.url}: OBS is not running or not reachable. Start OBS, turn on ` +
      'Tools → WebSocket Server Settings → Enable WebSocket server, and check the port.',
  );
}

/**
 * Connects to OBS from this browser as the overlay will, asks its version and scenes, and
 * disconnects. Never throws: a failure comes back as a reason in words (never with the password).
 */
export async function testObsConnection(
  target: ObsTarget,
  options: ObsTestOptions = {},
): Promise<ObsTestResult> {
  if (!/^wss?:\/\/[^\s/]+/.test(target.url.trim()))
    return failed('bad-address', 'The OBS address starts with ws:// or wss://, like ws://127.0.0.1:4455.');
  const obs = (options.createSocket ?? (() => new OBSWebSocket()))();
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ObsTestResult>((resolve) => {
    timer = setTimeout(
      () => resolve(failed('timeout', `No answer from OBS at ${target.url} within ${timeoutMs / 1000} s.`)),
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
      return failureOf(error, target);
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
    await obs.disconnect().catch(() => undefined);
  }
}
