import { useMemo } from 'preact/hooks';
import { LiveOverlay } from './live/live-overlay.js';
import type { OverlayServices } from './live/overlay-services.js';
import { OVERLAY_MANIFEST } from './overlay-manifest.js';
import { type OverlayConfig, OverlayUrlError, parseOverlayConfig } from './url/overlay-config.js';

function readConfig(pageUrl: string): OverlayConfig | OverlayUrlError {
  try {
    return parseOverlayConfig(new URL(pageUrl), OVERLAY_MANIFEST);
  } catch (error) {
    if (error instanceof OverlayUrlError) return error;
    throw error;
  }
}

export interface OverlayPageProps {
  readonly services: OverlayServices;
}

/** The OBS browser source: configured entirely by its URL (see `/overlay/setup`). */
export function OverlayPage({ services }: OverlayPageProps) {
  // Read once: the live overlay keeps its stream and its OBS link for as long as the settings stay the same object.
  const config = useMemo(() => readConfig(services.pageUrl), [services.pageUrl]);
  if (config instanceof OverlayUrlError)
    return (
      <p class="overlay-problem" role="alert">
        Streamer Studio overlay: {config.message}. Build this page’s URL at /overlay/setup.
      </p>
    );
  return <LiveOverlay config={config} services={services} />;
}
