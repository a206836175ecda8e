import type { OverlayManifest } from '../../../manifest/overlay-slots.js';
import { OverlayUrlError, overlayUrl, parseOverlayConfig } from '../url/overlay-config.js';
import { type SetupForm, toOverlayConfig } from './setup-form.js';

/** The URL to paste into OBS and the one to preview, or why there is none yet. */
export type OverlayLink =
  | { readonly ok: true; readonly url: string; readonly previewUrl: string }
  /** `missing`: a field is still empty (no token, no slot), not wrong. */
  | { readonly ok: false; readonly problem: string; readonly missing: boolean };

function problemText(error: OverlayUrlError, manifest: OverlayManifest): string {
  if (error.field === 'token') return 'Paste an API token above to get the URL.';
  if (error.field === 'obs')
    return 'The OBS address must start with ws:// or wss://, like ws://127.0.0.1:4455.';
  const [slot, part] = error.field.split('.');
  const label = (slot && manifest.slots[slot]?.label) ?? slot;
  const what = part === 'box' ? 'position and size' : part === 'show' ? 'seconds on screen' : part;
  return `${label} ${what}: ${error.message.replace(/^[^:]*: /, '')}.`;
}

/**
 * The overlay's URL for `form`, checked by reading it back with the overlay's own parser, so the
 * page never hands out a URL the overlay would refuse. The preview leaves OBS out: a second page
 * pushing into the same scene would fight the browser source in OBS.
 */
export function overlayLink(form: SetupForm, pageUrl: string, manifest: OverlayManifest): OverlayLink {
  const config = toOverlayConfig(form);
  if (config.slots.length === 0)
    return { ok: false, problem: 'Tick at least one slot to show.', missing: true };
  const url = overlayUrl(pageUrl, config, manifest);
  try {
    parseOverlayConfig(new URL(url), manifest);
  } catch (error) {
    if (error instanceof OverlayUrlError)
      return { ok: false, problem: problemText(error, manifest), missing: error.field === 'token' };
    throw error;
  }
  return { ok: true, url, previewUrl: overlayUrl(pageUrl, { ...config, obs: null }, manifest) };
}
