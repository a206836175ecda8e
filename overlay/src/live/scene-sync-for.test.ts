import { describe, expect, it } from 'vitest';
import { createStudioApi } from '../../../client/index.js';
import type { SceneSyncStatus } from '../obs/scene-sync.js';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import { parseOverlayConfig } from '../url/overlay-config.js';
import { sceneSyncFor } from './scene-sync-for.js';
import { ManualClock } from './testing/manual-clock.js';

const api = createStudioApi({ baseUrl: 'http://studio.test', getToken: () => 'sst_t' });
const statusOf = (url: string) => {
  const sync = sceneSyncFor(new ManualClock())(parseOverlayConfig(new URL(url), OVERLAY_MANIFEST), api);
  const seen: SceneSyncStatus[] = [];
  sync.onStatus((status) => seen.push(status))();
  sync.close();
  return seen[0];
};

describe('the page’s link to OBS', () => {
  it('touches no OBS and says it is off when the URL names none', () => {
    expect(statusOf('http://studio.test/overlay?token=sst_t')).toEqual({ state: 'off' });
  });

  it('connects over obs-websocket when the fragment names OBS', () => {
    expect(statusOf('http://studio.test/overlay?token=sst_t#obs=ws://127.0.0.1:1&password=p')).toEqual({
      state: 'connecting',
      attempt: 0,
    });
  });
});
