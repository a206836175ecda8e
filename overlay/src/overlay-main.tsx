import './stage/stage.css';
import { render } from 'preact';
import type { Clock } from '../../client/index.js';
import type { OverlayServices } from './live/overlay-services.js';
import { sceneSyncFor } from './live/scene-sync-for.js';
import { OverlayPage } from './overlay-page.js';

const clock: Clock = {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
  now: () => performance.now(),
};

const services: OverlayServices = {
  pageUrl: location.href,
  baseUrl: location.origin,
  clock,
  createSceneSync: sceneSyncFor(clock),
};

render(<OverlayPage services={services} />, document.getElementById('app')!);
