import type { OBSRequestTypes } from 'obs-websocket-js';
import type { SlotSettings } from '../url/overlay-config.js';

/** OBS's alignment bits: 0 is the centre, 1 left, 4 top; OBS places new items by their top-left (5). */
const TOP_LEFT = 5;
const CENTRE = 0;

/**
 * Where a slot's scene item goes: its top-left at the box's, scaled to fit inside the box keeping
 * the picture's shape (OBS's "scale to inner bounds"), centred in the box, neither cropped nor turned.
 */
export function slotTransform(
  box: SlotSettings['box'],
): OBSRequestTypes['SetSceneItemTransform']['sceneItemTransform'] {
  return {
    positionX: box.x,
    positionY: box.y,
    alignment: TOP_LEFT,
    rotation: 0,
    boundsType: 'OBS_BOUNDS_SCALE_INNER',
    boundsWidth: box.width,
    boundsHeight: box.height,
    boundsAlignment: CENTRE,
    cropLeft: 0,
    cropTop: 0,
    cropRight: 0,
    cropBottom: 0,
  };
}
