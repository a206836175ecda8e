import type { ObsSocket } from './test-obs-connection.js';

/** What obs-websocket-js rejects with: a close code (4009 for a failed Identify) or -1 for a socket error. */
export class FakeObsError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Answers as obs-websocket-js does for an OBS with `scenes` (in the dock's order), or fails to connect with `failure`. */
export class FakeObsSocket implements ObsSocket {
  readonly connects: { url: string; password: string | undefined }[] = [];
  disconnected = false;

  constructor(
    private readonly options: {
      scenes?: string[];
      currentScene?: string;
      failure?: Error;
      /** Never answers the connect, as a host that drops packets. */
      hang?: boolean;
    } = {},
  ) {}

  async connect(url?: string, password?: string) {
    this.connects.push({ url: url ?? '', password });
    if (this.options.hang) await new Promise(() => undefined);
    if (this.options.failure) throw this.options.failure;
    return { obsWebSocketVersion: '5.1.0', rpcVersion: 1, negotiatedRpcVersion: 1 };
  }

  // obs-websocket-js types `call` per request; the fake answers the two the setup page makes.
  call = (async (type: string) => {
    const scenes = this.options.scenes ?? ['Scene'];
    if (type === 'GetVersion') return { obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0' };
    if (type === 'GetSceneList')
      return {
        currentProgramSceneName: this.options.currentScene ?? scenes[0],
        currentPreviewSceneName: null,
        // As obs-websocket answers: the dock's bottom scene first, at index 0.
        scenes: scenes.map((sceneName, i) => ({ sceneName, sceneIndex: scenes.length - 1 - i })).reverse(),
      };
    throw new FakeObsError(204, `no fake for ${type}`);
  }) as ObsSocket['call'];

  async disconnect() {
    this.disconnected = true;
  }
}
