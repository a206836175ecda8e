import { useEffect, useState } from 'preact/hooks';
import type { EventStreamStatus, StudioApi } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import type { StageControls } from '../stage/use-stage.js';
import { type OverlayConfig, slotFor } from '../url/overlay-config.js';
import type { OverlayServices } from './overlay-services.js';
import { publicChange } from './public-change.js';

/** How the page's two connections are doing, for the status dot. */
export interface LiveStatus {
  readonly stream: EventStreamStatus;
  readonly obs: SceneSyncStatus;
}

/**
 * Follows the channel's events while mounted and sends each public asset of a shown slot to both
 * the stage and OBS, and each asset hidden or deleted out of both. Types no slot shows go nowhere.
 */
export function useLiveOverlay(
  config: OverlayConfig,
  api: StudioApi,
  services: Pick<OverlayServices, 'clock' | 'createSceneSync'>,
  stage: StageControls,
): LiveStatus {
  const [stream, setStream] = useState<EventStreamStatus>({ state: 'connecting', attempt: 0 });
  const [obs, setObs] = useState<SceneSyncStatus>({ state: 'off' });
  const { clock, createSceneSync } = services;

  useEffect(() => {
    const sync = createSceneSync(config, api);
    const stopStatus = sync.onStatus(setObs);
    const events = api.events({
      clock,
      onStatus: setStream,
      onEvent: (event) => {
        const change = publicChange(event);
        if (change?.kind === 'gone') {
          stage.remove(change.assetId);
          sync.remove(change.assetId);
          return;
        }
        const slot = change && slotFor(config, change.asset.assetType);
        if (!change || !slot) return;
        stage.show(slot, change.asset);
        sync.show(slot, change.asset);
      },
    });
    return () => {
      events.close();
      stopStatus();
      sync.close();
    };
  }, [config, api, clock, createSceneSync, stage]);

  return { stream, obs };
}
