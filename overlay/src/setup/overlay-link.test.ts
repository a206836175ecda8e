import { describe, expect, it } from 'vitest';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import { parseOverlayConfig } from '../url/overlay-config.js';
import { overlayLink } from './overlay-link.js';
import { defaultSetupForm, type SetupForm, toOverlayConfig, withSlot } from './setup-form.js';

const PAGE = 'https://studio.example/overlay';
const filled = (): SetupForm => ({
  ...defaultSetupForm(OVERLAY_MANIFEST),
  token: 'sst_viewer',
  obsPassword: 'pw',
});

function urlOf(form: SetupForm) {
  const link = overlayLink(form, PAGE, OVERLAY_MANIFEST);
  if (!link.ok) throw new Error(link.problem);
  return link.url;
}

describe('the overlay link', () => {
  it('is read back by the overlay as the config the form stands for', () => {
    const form = filled();
    expect(parseOverlayConfig(new URL(urlOf(form)), OVERLAY_MANIFEST)).toEqual(toOverlayConfig(form));
  });

  it('reads back a changed form too', () => {
    const form = {
      ...withSlot(
        withSlot(filled(), 'emote', { showSeconds: 2.5, box: { x: 10, y: 20, width: 300, height: 300 } }),
        'overlay',
        {
          enabled: false,
        },
      ),
      scene: 'Gaming',
      showStatus: false,
    };
    expect(parseOverlayConfig(new URL(urlOf(form)), OVERLAY_MANIFEST)).toEqual(toOverlayConfig(form));
  });

  it('names a slot whose seconds changed, and only that one', () => {
    const url = new URL(urlOf(withSlot(filled(), 'emote', { showSeconds: 3 })));
    expect(url.searchParams.get('emote.show')).toBe('3');
    expect(url.searchParams.has('alert.show')).toBe(false);
  });

  it('names a slot whose box changed', () => {
    const url = new URL(urlOf(withSlot(filled(), 'alert', { box: { x: 0, y: 0, width: 400, height: 300 } })));
    expect(url.searchParams.get('alert.box')).toBe('0,0,400,300');
  });

  it('keeps the OBS password in the fragment, and the preview has no OBS at all', () => {
    const link = overlayLink(filled(), PAGE, OVERLAY_MANIFEST);
    if (!link.ok) throw new Error(link.problem);
    expect(new URL(link.url).search).not.toContain('pw');
    expect(new URL(link.url).hash).toContain('password=pw');
    expect(new URL(link.previewUrl).hash).toBe('');
    expect(new URL(link.previewUrl).searchParams.get('token')).toBe('sst_viewer');
  });

  it('asks for a token before giving a URL', () => {
    expect(overlayLink(defaultSetupForm(OVERLAY_MANIFEST), PAGE, OVERLAY_MANIFEST)).toEqual({
      ok: false,
      problem: 'Paste an API token above to get the URL.',
      missing: true,
    });
  });

  it('names the slot and field the overlay would refuse', () => {
    const form = withSlot(filled(), 'emote', { box: { x: 0, y: 0, width: Number.NaN, height: 10 } });
    expect(overlayLink(form, PAGE, OVERLAY_MANIFEST)).toEqual({
      ok: false,
      problem: 'Emote position and size: must be x,y,width,height in whole pixels.',
      missing: false,
    });
  });

  it('refuses seconds the overlay would refuse', () => {
    const link = overlayLink(withSlot(filled(), 'alert', { showSeconds: -1 }), PAGE, OVERLAY_MANIFEST);
    expect(link).toEqual({
      ok: false,
      problem: 'Alert seconds on screen: must be seconds from 0 to 3600.',
      missing: false,
    });
  });

  it('refuses an OBS address that is not a websocket', () => {
    const link = overlayLink({ ...filled(), obsUrl: 'http://127.0.0.1:4455' }, PAGE, OVERLAY_MANIFEST);
    expect(link.ok).toBe(false);
  });

  it('asks for at least one slot', () => {
    const none = filled().slots.reduce(
      (form, slot) => withSlot(form, slot.name, { enabled: false }),
      filled(),
    );
    expect(overlayLink(none, PAGE, OVERLAY_MANIFEST)).toEqual({
      ok: false,
      problem: 'Tick at least one slot to show.',
      missing: true,
    });
  });
});
