import type { SlotSettings } from '../url/overlay-config.js';
import { type ObsCall, obsErrorCode, RESOURCE_NOT_FOUND } from './obs-socket.js';
import { inputNameFor } from './scene-sync.js';
import {
  isSlotInputKind,
  type SlotInputKind,
  type SlotPicture,
  slotInputSettings,
} from './slot-input-settings.js';
import { slotTransform } from './slot-transform.js';

/** What to make true in OBS for one slot. */
export interface SlotApplication {
  readonly scene: string;
  readonly slot: Pick<SlotSettings, 'name' | 'box'>;
  /** The kind to create the input as when it is missing (an existing input keeps its kind). */
  readonly inputKind: SlotInputKind;
  /** `null`: the slot shows nothing. */
  readonly picture: SlotPicture | null;
}

/** `undefined` when OBS says it has no such thing; any other refusal is thrown on. */
async function unlessMissing<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (obsErrorCode(error) === RESOURCE_NOT_FOUND) return undefined;
    throw error;
  }
}

/**
 * Makes the slot's input (`Streamer Studio · <slot>`) show `picture` in `scene`, placed in the slot's
 * box and enabled; or, for `null`, hides and empties it. Inputs are found by name on every call
 * (obs-websocket 5.1 has no input UUIDs, and a streamer may have renamed or moved things), so
 * running it twice changes nothing and never makes a second input.
 */
export async function applySlot(
  call: ObsCall,
  { scene, slot, inputKind, picture }: SlotApplication,
): Promise<void> {
  const inputName = inputNameFor(slot);
  const existing = await unlessMissing(call('GetInputSettings', { inputName }));
  const sceneItemOf = async () =>
    (await unlessMissing(call('GetSceneItemId', { sceneName: scene, sourceName: inputName })))?.sceneItemId;

  if (!picture) {
    // Nothing of ours to empty: no input, or one of another kind a streamer made under our name.
    if (!existing || !isSlotInputKind(existing.inputKind)) return;
    const sceneItemId = await sceneItemOf();
    if (sceneItemId !== undefined)
      await call('SetSceneItemEnabled', { sceneName: scene, sceneItemId, sceneItemEnabled: false });
    await call('SetInputSettings', { inputName, inputSettings: slotInputSettings(existing.inputKind, null) });
    return;
  }

  let sceneItemId: number;
  if (!existing) {
    // Created hidden: it shows once it is in its box, never for a frame at the canvas's corner.
    ({ sceneItemId } = await call('CreateInput', {
      sceneName: scene,
      inputName,
      inputKind,
      inputSettings: slotInputSettings(inputKind, picture),
      sceneItemEnabled: false,
    }));
  } else {
    if (!isSlotInputKind(existing.inputKind))
      throw new Error(
        `OBS already has a “${inputName}” that is a ${existing.inputKind}; rename or delete it so the overlay can make its own`,
      );
    sceneItemId =
      (await sceneItemOf()) ??
      (await call('CreateSceneItem', { sceneName: scene, sourceName: inputName, sceneItemEnabled: false }))
        .sceneItemId;
    await call('SetInputSettings', {
      inputName,
      inputSettings: slotInputSettings(existing.inputKind, picture),
    });
  }
  await call('SetSceneItemTransform', {
    sceneName: scene,
    sceneItemId,
    sceneItemTransform: slotTransform(slot.box),
  });
  await call('SetSceneItemEnabled', { sceneName: scene, sceneItemId, sceneItemEnabled: true });
}
