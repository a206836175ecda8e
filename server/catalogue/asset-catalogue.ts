import { type AspectRatio, nearestAspectRatio } from './aspect-ratio.js';

/** Every asset type the product makes; the order is the order the UI lists them in. */
export const ASSET_TYPES = [
  'emote',
  'sub_badge',
  'channel_points_icon',
  'panel',
  'profile_picture',
  'profile_banner',
  'offline_screen',
  'overlay',
  'thumbnail',
  'alert',
] as const;

export type AssetType = (typeof ASSET_TYPES)[number];

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface AssetSpec {
  readonly type: AssetType;
  /** What a streamer calls it. */
  readonly label: string;
  /** Every file made for the type, largest first. */
  readonly sizes: readonly Size[];
  /** Transparent types get real alpha: the background is removed after generation. */
  readonly transparent: boolean;
  /** Twitch's upload limit for one file of this type. */
  readonly maxBytes: number;
  /** The Gemini aspect ratio closest to the largest size; the image is cropped to exact pixels afterwards. */
  readonly aspectRatio: AspectRatio;
  /** The file in `prompts/` (without `.yaml`) that describes how to ask for it. */
  readonly template: string;
}

const KB = 1000;
const MB = 1000 * KB;

const square = (...edges: number[]): Size[] => edges.map((edge) => ({ width: edge, height: edge }));

type Row = Omit<AssetSpec, 'type' | 'aspectRatio' | 'template'>;

const rows: Record<AssetType, Row> = {
  emote: { label: 'Emote', sizes: square(112, 56, 28), transparent: true, maxBytes: 1 * MB },
  sub_badge: { label: 'Subscriber badge', sizes: square(72, 36, 18), transparent: true, maxBytes: 25 * KB },
  channel_points_icon: {
    label: 'Channel points icon',
    sizes: square(112, 56, 28),
    transparent: true,
    maxBytes: 1 * MB,
  },
  panel: { label: 'Panel', sizes: [{ width: 320, height: 160 }], transparent: false, maxBytes: 1 * MB },
  profile_picture: { label: 'Profile picture', sizes: square(256), transparent: false, maxBytes: 10 * MB },
  profile_banner: {
    label: 'Profile banner',
    sizes: [{ width: 1200, height: 480 }],
    transparent: false,
    maxBytes: 10 * MB,
  },
  offline_screen: {
    label: 'Offline screen',
    sizes: [{ width: 1920, height: 1080 }],
    transparent: false,
    maxBytes: 10 * MB,
  },
  overlay: { label: 'Overlay', sizes: [{ width: 1920, height: 1080 }], transparent: true, maxBytes: 10 * MB },
  thumbnail: {
    label: 'Thumbnail',
    sizes: [{ width: 1280, height: 720 }],
    transparent: false,
    maxBytes: 2 * MB,
  },
  alert: { label: 'Alert', sizes: square(600), transparent: true, maxBytes: 1 * MB },
};

/** The asset catalogue: the one table every part of the product reads sizes and limits from. */
export const CATALOGUE: Readonly<Record<AssetType, AssetSpec>> = Object.freeze(
  Object.fromEntries(
    ASSET_TYPES.map((type) => {
      const row = rows[type];
      const largest = row.sizes[0]!;
      const spec: AssetSpec = {
        type,
        ...row,
        aspectRatio: nearestAspectRatio(largest.width, largest.height),
        template: type,
      };
      return [type, Object.freeze(spec)];
    }),
  ) as Record<AssetType, AssetSpec>,
);

/** True for the strings that name an asset type. */
export function isAssetType(value: string): value is AssetType {
  return (ASSET_TYPES as readonly string[]).includes(value);
}

/** The spec of one asset type. */
export function assetSpec(type: AssetType): AssetSpec {
  return CATALOGUE[type];
}

/** The largest file of a type: what `/asset/:id` serves when no size is asked for. */
export function largestSize(type: AssetType): Size {
  return CATALOGUE[type].sizes[0]!;
}
