import type { OverlayManifest, OverlaySlot } from '../../../manifest/overlay-slots.js';

/** The scene the overlay fills when its URL names none. */
export const DEFAULT_SCENE = 'Streamer Studio';

/** One slot as this page uses it: the manifest's defaults with the URL's overrides applied. */
export interface SlotSettings extends OverlaySlot {
  readonly name: string;
}

/** Where obs-websocket is: only ever in the URL's fragment, which no server is sent. */
export interface ObsTarget {
  readonly url: string;
  readonly password: string;
}

/** Everything the overlay page is told by its URL. */
export interface OverlayConfig {
  /** An API token (`sst_…`); a viewer-role one is enough: public events and public files only. */
  readonly token: string;
  readonly scene: string;
  readonly slots: readonly SlotSettings[];
  /** The status dot; `&status=off` hides it. */
  readonly showStatus: boolean;
  /** Absent: the page only shows assets on screen, and touches no scene. */
  readonly obs: ObsTarget | null;
}

/** A URL the page cannot work from; `field` names the part at fault. */
export class OverlayUrlError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'OverlayUrlError';
  }
}

const seconds = (field: string, value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 3600)
    throw new OverlayUrlError(field, 'must be seconds from 0 to 3600');
  return n;
};

function box(field: string, value: string): OverlaySlot['box'] {
  const parts = value.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0))
    throw new OverlayUrlError(field, 'must be x,y,width,height in whole pixels');
  const [x, y, width, height] = parts as [number, number, number, number];
  if (width === 0 || height === 0) throw new OverlayUrlError(field, 'width and height must not be 0');
  return { x, y, width, height };
}

/**
 * Reads the overlay's settings from its URL: `?token=…&scene=…&slots=emote,alert&show=8`
 * (`show` for every slot; `emote.show=5` and `emote.box=x,y,w,h` for one), `&status=off`, and
 * `#obs=ws://127.0.0.1:4455&password=…` in the fragment. Throws `OverlayUrlError` naming the field.
 */
export function parseOverlayConfig(url: URL, manifest: OverlayManifest): OverlayConfig {
  const query = url.searchParams;
  const token = query.get('token')?.trim() ?? '';
  if (!token)
    throw new OverlayUrlError('token', 'missing: add ?token=<API token> (make one with POST /api/v1/tokens)');
  const names =
    query
      .get('slots')
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean) ?? Object.keys(manifest.slots);
  const everyShow = query.has('show') ? seconds('show', query.get('show')!) : undefined;
  const slots = names.map((name): SlotSettings => {
    const slot = manifest.slots[name];
    if (!slot)
      throw new OverlayUrlError(
        'slots',
        `no slot "${name}"; there are ${Object.keys(manifest.slots).join(', ')}`,
      );
    const ownShow = query.get(`${name}.show`);
    const ownBox = query.get(`${name}.box`);
    return {
      ...slot,
      name,
      showSeconds: ownShow !== null ? seconds(`${name}.show`, ownShow) : (everyShow ?? slot.showSeconds),
      box: ownBox !== null ? box(`${name}.box`, ownBox) : slot.box,
    };
  });
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const obsUrl = fragment.get('obs')?.trim();
  if (obsUrl && !/^wss?:\/\/[^\s/]+/.test(obsUrl))
    throw new OverlayUrlError('obs', 'must be a ws:// or wss:// address, like ws://127.0.0.1:4455');
  return {
    token,
    scene: query.get('scene')?.trim() || DEFAULT_SCENE,
    slots,
    showStatus: query.get('status') !== 'off',
    obs: obsUrl ? { url: obsUrl, password: fragment.get('password') ?? '' } : null,
  };
}

/** The URL that gives `config` to the page at `pageUrl` (what the setup page hands the streamer). */
export function overlayUrl(pageUrl: string, config: OverlayConfig, manifest: OverlayManifest): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.searchParams.set('token', config.token);
  url.searchParams.set('scene', config.scene);
  url.searchParams.set('slots', config.slots.map((slot) => slot.name).join(','));
  for (const slot of config.slots) {
    const defaults = manifest.slots[slot.name];
    if (defaults?.showSeconds !== slot.showSeconds)
      url.searchParams.set(`${slot.name}.show`, String(slot.showSeconds));
    const { x, y, width, height } = slot.box;
    const given = defaults?.box;
    if (!given || given.x !== x || given.y !== y || given.width !== width || given.height !== height)
      url.searchParams.set(`${slot.name}.box`, `${x},${y},${width},${height}`);
  }
  if (!config.showStatus) url.searchParams.set('status', 'off');
  url.hash = config.obs
    ? new URLSearchParams({ obs: config.obs.url, password: config.obs.password }).toString()
    : '';
  return url.toString();
}

/** The slot that shows `assetType`, if this page shows it at all. */
export const slotFor = (config: OverlayConfig, assetType: string) =>
  config.slots.find((slot) => (slot.assetTypes as readonly string[]).includes(assetType));
