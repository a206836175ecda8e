import type { OBSWebSocket } from 'obs-websocket-js';
import sharp from 'sharp';
import type { Rgb } from './png-server.js';

/** A picture of a scene as OBS renders it, read in canvas (1920×1080) coordinates. */
export interface SceneScreenshot {
  /** The colour and alpha at canvas point (x, y). */
  at(x: number, y: number): Rgb & { readonly a: number };
}

const CANVAS_WIDTH = 1920;

/** Asks OBS for a `width`-wide PNG of `scene` (it renders scenes that are not on air too) and decodes it. */
export async function sceneScreenshot(
  obs: OBSWebSocket,
  scene: string,
  width = 960,
): Promise<SceneScreenshot> {
  const { imageData } = await obs.call('GetSourceScreenshot', {
    sourceName: scene,
    imageFormat: 'png',
    imageWidth: width,
    imageHeight: Math.round((width * 1080) / CANVAS_WIDTH),
  });
  const png = Buffer.from(imageData.replace(/^data:image\/png;base64,/, ''), 'base64');
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = info.width / CANVAS_WIDTH;
  return {
    at(x, y) {
      const offset = (Math.floor(y * scale) * info.width + Math.floor(x * scale)) * info.channels;
      return { r: data[offset]!, g: data[offset + 1]!, b: data[offset + 2]!, a: data[offset + 3]! };
    },
  };
}
