import { describe, expect, it } from 'vitest';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import { DEFAULT_SCENE } from '../url/overlay-config.js';
import { DEFAULT_OBS_URL, defaultSetupForm, toOverlayConfig, withSlot } from './setup-form.js';

describe('the setup form', () => {
  it('starts with every slot of the manifest ticked, at its defaults', () => {
    const form = defaultSetupForm(OVERLAY_MANIFEST);
    expect(form.slots.map((slot) => slot.name)).toEqual(Object.keys(OVERLAY_MANIFEST.slots));
    const emote = form.slots.find((slot) => slot.name === 'emote')!;
    expect(emote).toMatchObject({ enabled: true, ...OVERLAY_MANIFEST.slots.emote });
    expect(form).toMatchObject({ scene: DEFAULT_SCENE, obsUrl: DEFAULT_OBS_URL, showStatus: true });
  });

  it('leaves unticked slots out of the config', () => {
    const form = withSlot(defaultSetupForm(OVERLAY_MANIFEST), 'alert', { enabled: false });
    expect(toOverlayConfig(form).slots.map((slot) => slot.name)).not.toContain('alert');
    expect(toOverlayConfig(form).slots[0]).not.toHaveProperty('enabled');
  });

  it('changes only the slot it names', () => {
    const form = withSlot(defaultSetupForm(OVERLAY_MANIFEST), 'emote', { showSeconds: 3 });
    expect(form.slots.find((slot) => slot.name === 'emote')!.showSeconds).toBe(3);
    expect(form.slots.find((slot) => slot.name === 'alert')!.showSeconds).toBe(
      OVERLAY_MANIFEST.slots.alert!.showSeconds,
    );
  });

  it('trims the token, falls back to the default scene, and drops OBS when its address is empty', () => {
    const form = { ...defaultSetupForm(OVERLAY_MANIFEST), token: ' sst_a \n', scene: '  ', obsUrl: ' ' };
    expect(toOverlayConfig(form)).toMatchObject({ token: 'sst_a', scene: DEFAULT_SCENE, obs: null });
  });

  it('keeps the OBS password beside its address', () => {
    const form = { ...defaultSetupForm(OVERLAY_MANIFEST), obsPassword: 'pw' };
    expect(toOverlayConfig(form).obs).toEqual({ url: DEFAULT_OBS_URL, password: 'pw' });
  });
});
