import type { SceneSync } from '../obs/scene-sync.js';

/** The SceneSync of a page whose URL names no OBS: it touches no scene and says so. */
export function inertSceneSync(): SceneSync {
  return {
    show: () => {},
    remove: () => {},
    onStatus: (listener) => {
      listener({ state: 'off' });
      return () => {};
    },
    close: () => {},
  };
}
