import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest/overlay.json' with { type: 'json' };
import type { OverlayManifest } from '../../../manifest/overlay-slots.js';
import { DEFAULT_SCENE, OverlayUrlError, overlayUrl, parseOverlayConfig, slotFor } from './overlay-config.js';

const slots = manifest as OverlayManifest;
const parse = (url: string) => parseOverlayConfig(new URL(url), slots);

describe('the overlay URL', () => {
  it('takes the token and scene from the query, OBS from the fragment, and every slot by default', () => {
    const config = parse(
      'http://s.test/overlay?token=sst_abc&scene=Main#obs=ws://127.0.0.1:4455&password=p%26w',
    );
    expect(config).toMatchObject({ token: 'sst_abc', scene: 'Main', showStatus: true });
    expect(config.obs).toEqual({ url: 'ws://127.0.0.1:4455', password: 'p&w' });
    expect(config.slots.map((slot) => slot.name)).toEqual(Object.keys(slots.slots));
    expect(slotFor(config, 'sub_badge')?.name).toBe('emote');
    expect(slotFor(config, 'panel')).toBeUndefined();
  });

  it('overrides how long and where, for every slot or one', () => {
    const config = parse(
      'http://s.test/overlay?token=t&slots=emote,alert&show=3&alert.show=12&emote.box=10,20,300,300&status=off',
    );
    expect(config.scene).toBe(DEFAULT_SCENE);
    expect(config.showStatus).toBe(false);
    expect(config.obs).toBeNull();
    expect(config.slots.map((slot) => [slot.name, slot.showSeconds])).toEqual([
      ['emote', 3],
      ['alert', 12],
    ]);
    expect(config.slots[0]!.box).toEqual({ x: 10, y: 20, width: 300, height: 300 });
  });

  it('names the field of a URL it cannot work from', () => {
    const field = (url: string) => {
      try {
        parse(url);
        return null;
      } catch (error) {
        return error instanceof OverlayUrlError ? error.field : 'not an OverlayUrlError';
      }
    };
    expect(field('http://s.test/overlay')).toBe('token');
    expect(field('http://s.test/overlay?token=t&slots=emote,poster')).toBe('slots');
    expect(field('http://s.test/overlay?token=t&show=-1')).toBe('show');
    expect(field('http://s.test/overlay?token=t&emote.box=1,2,3')).toBe('emote.box');
    expect(field('http://s.test/overlay?token=t#obs=http://x')).toBe('obs');
  });

  it('builds the URL it parses back, writing only what differs from the defaults', () => {
    const config = parse(
      'http://s.test/overlay?token=sst_x&scene=Live%20%26%20Chat&slots=alert&alert.show=2#obs=ws://10.0.0.2:4455&password=s3cr%C3%A9t',
    );
    const built = overlayUrl('http://s.test/overlay', config, slots);
    expect(built).not.toContain('alert.box');
    expect(parse(built)).toEqual(config);
  });
});
