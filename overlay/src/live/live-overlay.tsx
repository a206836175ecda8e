import { useMemo } from 'preact/hooks';
import { createStudioApi } from '../../../client/index.js';
import { Stage } from '../stage/stage.js';
import { useStage } from '../stage/use-stage.js';
import { StatusDot } from '../status/status-dot.js';
import type { OverlayConfig } from '../url/overlay-config.js';
import type { OverlayServices } from './overlay-services.js';
import { useLiveOverlay } from './use-live-overlay.js';

export interface LiveOverlayProps {
  readonly config: OverlayConfig;
  readonly services: OverlayServices;
}

/** The running overlay: the channel's public assets on the stage and in OBS, and the status dot. */
export function LiveOverlay({ config, services }: LiveOverlayProps) {
  const { baseUrl, fetch, clock } = services;
  const api = useMemo(
    () => createStudioApi({ baseUrl, getToken: () => config.token, ...(fetch ? { fetch } : {}) }),
    [baseUrl, fetch, config.token],
  );
  const [queues, stage] = useStage(config.slots, clock);
  const { stream, obs } = useLiveOverlay(config, api, services, stage);
  const secrets = useMemo(() => [config.token, config.obs?.password ?? ''], [config]);
  return (
    <>
      <Stage slots={config.slots} queues={queues} fileUrl={api.publicFileUrl} />
      {config.showStatus && <StatusDot stream={stream} obs={obs} secrets={secrets} clock={clock} />}
    </>
  );
}
