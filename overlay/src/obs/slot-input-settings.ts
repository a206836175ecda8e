import type { OBSRequestTypes } from 'obs-websocket-js';
import type { Asset } from '../../../client/index.js';

/** The input kinds a slot can be: a browser source where OBS has one, else an image source. */
export const SLOT_INPUT_KINDS = ['browser_source', 'image_source'] as const;
export type SlotInputKind = (typeof SLOT_INPUT_KINDS)[number];

export const isSlotInputKind = (kind: string): kind is SlotInputKind =>
  (SLOT_INPUT_KINDS as readonly string[]).includes(kind);

/** What a slot shows: the public URL of one file of an asset, and that file's size. */
export interface SlotPicture {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

export type InputSettings = NonNullable<OBSRequestTypes['SetInputSettings']['inputSettings']>;

// Chromium shows a lone image centred on a dark page, as an inline style that only !important beats;
// without this a transparent PNG would sit on a grey square over the scene.
const TRANSPARENT_PAGE =
  'body { background: rgba(0, 0, 0, 0) !important; margin: 0 !important; overflow: hidden; }';

/** The largest file of `asset` at its public URL (`/asset/:id?size=WxH`, which OBS can load without a token). */
export function slotPicture(
  asset: Pick<Asset, 'id' | 'files'>,
  publicFileUrl: (assetId: string, size: string) => string,
): SlotPicture | null {
  const largest = asset.files.reduce<(typeof asset.files)[number] | undefined>(
    (best, file) => (!best || file.width * file.height > best.width * best.height ? file : best),
    undefined,
  );
  if (!largest) return null;
  const { width, height } = largest;
  return { url: publicFileUrl(asset.id, `${width}x${height}`), width, height };
}

/**
 * The settings that make an input of `kind` show `picture`, or show nothing (`null`). OBS 29's
 * image_source loads an http:// URL given as its `file`, so no disk path has to leave the server.
 */
export function slotInputSettings(kind: SlotInputKind, picture: SlotPicture | null): InputSettings {
  if (kind === 'image_source') return { file: picture?.url ?? '' };
  if (!picture) return { url: 'about:blank' };
  return { url: picture.url, width: picture.width, height: picture.height, css: TRANSPARENT_PAGE };
}
