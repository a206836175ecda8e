import type { Clock, FetchLike, StudioApi } from '../../../client/index.js';
import type { SceneSync } from '../obs/scene-sync.js';
import type { OverlayConfig } from '../url/overlay-config.js';

/** Makes the link to OBS for a page's settings; the public file URLs come from `api`. */
export type SceneSyncFactory = (config: OverlayConfig, api: StudioApi) => SceneSync;

/** What the overlay page runs on, built once in `overlay-main.tsx` and by each test. */
export interface OverlayServices {
  /** The page's own address, where its settings are read from. */
  readonly pageUrl: string;
  /** Where the API is: the page's own origin. */
  readonly baseUrl: string;
  readonly fetch?: FetchLike;
  readonly clock: Clock;
  readonly createSceneSync: SceneSyncFactory;
}
