import type { OverlayManifest } from '../../../manifest/overlay-slots.js';
import { DEFAULT_SCENE, type OverlayConfig, type SlotSettings } from '../url/overlay-config.js';

/** Where obs-websocket listens unless the streamer changed it in OBS (Tools → WebSocket Server Settings). */
export const DEFAULT_OBS_URL = 'ws://127.0.0.1:4455';

/** One slot as the form edits it: the manifest's slot, ticked or not. */
export interface SlotForm extends SlotSettings {
  readonly enabled: boolean;
}

/** What the setup page's fields hold. Numbers stay as typed (NaN while a field is empty); the URL's parser judges them. */
export interface SetupForm {
  readonly token: string;
  readonly scene: string;
  readonly slots: readonly SlotForm[];
  readonly showStatus: boolean;
  /** Empty: the overlay only shows assets on its page and touches no scene. */
  readonly obsUrl: string;
  readonly obsPassword: string;
}

/** The form before the streamer touches it: every slot of the manifest ticked, with its defaults. */
export function defaultSetupForm(manifest: OverlayManifest): SetupForm {
  return {
    token: '',
    scene: DEFAULT_SCENE,
    slots: Object.entries(manifest.slots).map(([name, slot]) => ({ ...slot, name, enabled: true })),
    showStatus: true,
    obsUrl: DEFAULT_OBS_URL,
    obsPassword: '',
  };
}

/** `form` with the slot called `name` changed by `patch`. */
export function withSlot(form: SetupForm, name: string, patch: Partial<Omit<SlotForm, 'name'>>): SetupForm {
  return {
    ...form,
    slots: form.slots.map((slot) => (slot.name === name ? { ...slot, ...patch } : slot)),
  };
}

/** The overlay's settings the form stands for. */
export function toOverlayConfig(form: SetupForm): OverlayConfig {
  const obsUrl = form.obsUrl.trim();
  return {
    token: form.token.trim(),
    scene: form.scene.trim() || DEFAULT_SCENE,
    slots: form.slots.filter((slot) => slot.enabled).map(({ enabled: _, ...slot }) => slot),
    showStatus: form.showStatus,
    obs: obsUrl ? { url: obsUrl, password: form.obsPassword } : null,
  };
}
