import { useEffect, useState } from 'preact/hooks';
import type { EventStreamStatus, StudioApi } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import type { StageControls } from '../stage/use-stage.js';
import { type OverlayConfig, slotFor } from '../url/overlay-config.js';
import { latestPerSlot } from './latest-per-slot.js';
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
 * Each time the stream opens, OBS is given each slot's newest public asset (the stage waits for news).
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
    // What events said since the gallery was last asked: its answer, read before, must not undo it.
    const touched = new Set<string>();
    const gone = new Set<string>();
    const catchUp = () => {
      touched.clear();
      gone.clear();
      latestPerSlot(api, config).then(
        (latest) => {
          for (const [slot, asset] of latest)
            if (!touched.has(slot.name) && !gone.has(asset.id)) sync.show(slot, asset);
        },
        // A token the server refuses is already said by the stream's status on the dot.
        () => undefined,
      );
    };
    const events = api.events({
      clock,
      onStatus: (status) => {
        setStream(status);
        // Asked once the stream is open, so nothing made public falls between the two: what came
        // before is in the gallery, what comes after arrives as an event.
        if (status.state === 'open') catchUp();
      },
      onEvent: (event) => {
        const change = publicChange(event);
        if (change?.kind === 'gone') {
          gone.add(change.assetId);
          stage.remove(change.assetId);
          sync.remove(change.assetId);
          return;
        }
        const slot = change && slotFor(config, change.asset.assetType);
        if (!change || !slot) return;
        touched.add(slot.name);
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
