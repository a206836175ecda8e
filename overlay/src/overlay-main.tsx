import './stage/stage.css';
import { render } from 'preact';
import { inertSceneSync } from './live/inert-scene-sync.js';
import type { OverlayServices } from './live/overlay-services.js';
import { OverlayPage } from './overlay-page.js';

const services: OverlayServices = {
  pageUrl: location.href,
  baseUrl: location.origin,
  clock: {
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    now: () => performance.now(),
  },
  createSceneSync: () => inertSceneSync(),
};

render(<OverlayPage services={services} />, document.getElementById('app')!);
