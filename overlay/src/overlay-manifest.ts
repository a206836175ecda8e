import shipped from '../../manifest/overlay.json' with { type: 'json' };
import type { OverlayManifest } from '../../manifest/overlay-slots.js';

/** The slots as `manifest/overlay.json` defines them; the build has validated the file. */
export const OVERLAY_MANIFEST = shipped as OverlayManifest;
