import type { ObsSocket } from '../obs/obs-socket.js';
import { FakeObsError } from '../obs/testing/fake-obs.js';

/** Answers as obs-websocket-js does for an OBS with `scenes` (in the dock's order), or fails to connect with `failure`. */
export class FakeObsSocket {
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

  /** As the page's factory hands it out. */
  get socket(): ObsSocket {
    return this as unknown as ObsSocket;
  }

  on() {
    return this;
  }

  async connect(url: string, password?: string) {
    this.connects.push({ url, password });
    if (this.options.hang) await new Promise(() => undefined);
    if (this.options.failure) throw this.options.failure;
    return { obsWebSocketVersion: '5.1.0', rpcVersion: 1, negotiatedRpcVersion: 1 };
  }

  async call(type: string) {
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
  }

  async disconnect() {
    this.disconnected = true;
  }
}

export { FakeObsError };
