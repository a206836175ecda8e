import { OVERLAY_MANIFEST } from './overlay-manifest.js';
import { type OverlayConfig, OverlayUrlError, parseOverlayConfig } from './url/overlay-config.js';

function readConfig(): OverlayConfig | OverlayUrlError {
  try {
    return parseOverlayConfig(new URL(location.href), OVERLAY_MANIFEST);
  } catch (error) {
    if (error instanceof OverlayUrlError) return error;
    throw error;
  }
}

/** The OBS browser source: configured entirely by its URL (see `/overlay/setup`). */
export function OverlayPage() {
  const config = readConfig();
  if (config instanceof OverlayUrlError)
    return (
      <p class="overlay-problem" role="alert">
        Streamer Studio overlay: {config.message}. Build this page’s URL at /overlay/setup.
      </p>
    );
  return <div class="stage" data-scene={config.scene} />;
}
