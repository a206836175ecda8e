import { OBSWebSocket, OBSWebSocketError } from 'obs-websocket-js';

/** OBS's "no source by that name" (a scene or input that does not exist yet). */
const RESOURCE_NOT_FOUND = 600;

/** One item of a scene as OBS lists it: which input, of which kind. */
export interface SceneItem {
  readonly sceneItemId: number;
  readonly sourceName: string;
  readonly inputKind: string | null;
}

/** A test's own look into a real OBS, over its own obs-websocket connection (not the page's). */
export interface ObsScene {
  /** The scene's items; [] while the scene does not exist. */
  items(scene: string): Promise<SceneItem[]>;
  /** The input's settings, or null while it does not exist. */
  inputSettings(inputName: string): Promise<Record<string, unknown> | null>;
  /** The scene as OBS renders it, a 1920×1080 PNG (the canvas), whether or not it is on air. */
  screenshot(scene: string): Promise<Buffer>;
  close(): Promise<void>;
}

const notFound = (error: unknown) => error instanceof OBSWebSocketError && error.code === RESOURCE_NOT_FOUND;

/** Connects to the OBS at `url` as a test's inspector. */
export async function connectObsScene(url: string, password: string): Promise<ObsScene> {
  const obs = new OBSWebSocket();
  await obs.connect(url, password);
  return {
    async items(scene) {
      try {
        const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: scene });
        return sceneItems.map((item) => ({
          sceneItemId: Number(item.sceneItemId),
          sourceName: String(item.sourceName),
          inputKind: typeof item.inputKind === 'string' ? item.inputKind : null,
        }));
      } catch (error) {
        if (notFound(error)) return [];
        throw error;
      }
    },
    async inputSettings(inputName) {
      try {
        return (await obs.call('GetInputSettings', { inputName })).inputSettings;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async screenshot(scene) {
      const { imageData } = await obs.call('GetSourceScreenshot', {
        sourceName: scene,
        imageFormat: 'png',
        imageWidth: 1920,
        imageHeight: 1080,
      });
      return Buffer.from(imageData.replace(/^data:image\/png;base64,/, ''), 'base64');
    },
    close: () => obs.disconnect(),
  };
}
