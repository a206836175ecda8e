import type { Clock } from '../../../client/index.js';
import { createObsSceneSync } from '../obs/obs-scene-sync.js';
import { inertSceneSync } from './inert-scene-sync.js';
import type { SceneSyncFactory } from './overlay-services.js';

/** The page's link to OBS: over obs-websocket where the URL's fragment names OBS, else none at all. */
export function sceneSyncFor(clock: Clock): SceneSyncFactory {
  return (config, api) =>
    config.obs
      ? createObsSceneSync({
          target: config.obs,
          scene: config.scene,
          publicFileUrl: api.publicFileUrl,
          clock,
        })
      : inertSceneSync();
}
