import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { ManualClock } from '../live/testing/manual-clock.js';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import type { SlotSettings } from '../url/overlay-config.js';
import { createObsSceneSync, type ObsSceneSyncOptions } from './obs-scene-sync.js';
import type { SceneSync, SceneSyncStatus } from './scene-sync.js';
import { FakeObs, FakeObsError } from './testing/fake-obs.js';
import { publicAsset } from './testing/public-asset.js';

const SCENE = 'Streamer Studio';
const URL = 'ws://127.0.0.1:4455';
const EMOTE: SlotSettings = { ...OVERLAY_MANIFEST.slots.emote!, name: 'emote' };
const ALERT: SlotSettings = { ...OVERLAY_MANIFEST.slots.alert!, name: 'alert' };
const EMOTE_INPUT = 'Streamer Studio · emote';
const fileUrl = (id: string) => `http://studio.test/asset/${id}?size=112x112`;

/** Lets every promise the sync is waiting on settle (its own timers run on the manual clock). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createObsSceneSync', () => {
  let obs: FakeObs;
  let clock: ManualClock;
  let statuses: SceneSyncStatus[];
  let applied: { slot: string; assetId: string; ms: number }[];
  let sync: SceneSync | undefined;

  beforeEach(() => {
    obs = new FakeObs();
    clock = new ManualClock();
    statuses = [];
    applied = [];
  });
  afterEach(() => sync?.close());

  function start(options: Partial<ObsSceneSyncOptions> = {}): SceneSync {
    sync = createObsSceneSync({
      target: { url: URL, password: obs.password },
      scene: SCENE,
      publicFileUrl: (assetId, size) => `http://studio.test/asset/${assetId}?size=${size}`,
      obs: obs.socket,
      clock,
      random: () => 0,
      onApplied: (slot, asset, ms) => applied.push({ slot: slot.name, assetId: asset.id, ms }),
      ...options,
    });
    sync.onStatus((status) => statuses.push(status));
    return sync;
  }
  const last = () => statuses.at(-1);
  const emoteFile = () => obs.inputs.get(EMOTE_INPUT)?.settings.file;
  const retryDelays = () =>
    statuses.flatMap((status) => (status.state === 'error' ? [status.retryInMs] : []));

  it('connects with the password, creates the missing scene, and says it is connected with image sources', async () => {
    start();
    expect(last()).toEqual({ state: 'connecting', attempt: 0 });
    await settle();
    expect(obs.connects).toEqual([{ url: URL, password: obs.password }]);
    expect([...obs.scenes.keys()]).toEqual(['Scene', SCENE]);
    expect(last()).toEqual({ state: 'connected', scene: SCENE, inputKind: 'image_source' });
  });

  it('uses browser sources where OBS has them, and leaves a scene that exists as it is', async () => {
    obs.inputKinds.push('browser_source');
    obs.scenes.set(SCENE, []);
    start();
    await settle();
    expect(obs.calls.map((call) => call.type)).not.toContain('CreateScene');
    expect(last()).toEqual({ state: 'connected', scene: SCENE, inputKind: 'browser_source' });
  });

  it('waits 0.5 s after OBS is not found, doubling to 5 s with no jitter and to 10 s with the most', async () => {
    obs.stop();
    start();
    for (let attempt = 0; attempt < 7; attempt++) {
      await settle();
      clock.advanceBy(clock.nextAt! - clock.now());
    }
    expect(retryDelays()).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(last()).toMatchObject({ state: 'connecting', attempt: 7 });

    sync?.close();
    statuses = [];
    start({ random: () => 0.999_999 });
    for (let attempt = 0; attempt < 6; attempt++) {
      await settle();
      clock.advanceBy(clock.nextAt! - clock.now());
    }
    expect(retryDelays()).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('says OBS is not running at its address, then connects once OBS is up', async () => {
    obs.stop();
    start();
    await settle();
    expect(last()).toEqual({
      state: 'error',
      message: 'OBS is not running at ws://127.0.0.1:4455 (or not reachable)',
      retryInMs: 500,
    });
    obs.start();
    clock.advanceBy(500);
    await settle();
    expect(last()).toMatchObject({ state: 'connected' });
  });

  it('gives up on an address that takes the connection but never answers, after 10 s, and tries again', async () => {
    obs.silent = true;
    start();
    await settle();
    expect(last()).toEqual({ state: 'connecting', attempt: 0 });
    clock.advanceBy(9_999);
    await settle();
    expect(last()).toEqual({ state: 'connecting', attempt: 0 });
    clock.advanceBy(1);
    await settle();
    expect(last()).toEqual({
      state: 'error',
      message: 'OBS at ws://127.0.0.1:4455 did not answer within 10 s',
      retryInMs: 500,
    });
    obs.silent = false;
    clock.advanceBy(500);
    await settle();
    expect(last()).toMatchObject({ state: 'connected' });
    expect(clock.nextAt).toBeUndefined();
  });

  it('says OBS refused the password, and no status ever carries it', async () => {
    start({ target: { url: URL, password: 'not-the-password' } });
    await settle();
    expect(last()).toEqual({ state: 'error', message: 'OBS refused the password', retryInMs: 500 });
    expect(JSON.stringify(statuses)).not.toContain('not-the-password');
    expect(JSON.stringify(statuses)).not.toContain(obs.password);
  });

  it('shows an asset in its slot, and times it from show() to the scene item shown', async () => {
    const sync = start();
    await settle();
    clock.advanceBy(7);
    sync.show(EMOTE, publicAsset('a1'));
    clock.advanceBy(30);
    await settle();
    expect(emoteFile()).toBe(fileUrl('a1'));
    expect(obs.itemsOf(SCENE).map((item) => [item.sourceName, item.enabled])).toEqual([[EMOTE_INPUT, true]]);
    expect(applied).toEqual([{ slot: 'emote', assetId: 'a1', ms: 30 }]);
  });

  it('collapses a burst to the latest per slot, one request at a time, never creating an input twice', async () => {
    const sync = start();
    await settle();
    const release = obs.hold();
    for (let n = 1; n <= 10; n++) sync.show(EMOTE, publicAsset(`a${n}`));
    sync.show(ALERT, publicAsset('b1', { assetType: 'alert' }));
    await settle();
    release();
    for (let n = 0; n < 5; n++) await settle();
    expect(obs.calls.filter((call) => call.type === 'CreateInput')).toHaveLength(2);
    expect(emoteFile()).toBe(fileUrl('a10'));
    expect(obs.itemsOf(SCENE).map((item) => item.sourceName)).toEqual([
      EMOTE_INPUT,
      'Streamer Studio · alert',
    ]);
    expect(obs.mostInFlight).toBe(1);
    // The first was already on its way when the burst came; the ones between never reach OBS.
    expect(applied.map((entry) => entry.assetId)).toEqual(['a1', 'a10', 'b1']);
  });

  it('gives a returning OBS the latest of every slot, without another show()', async () => {
    const sync = start();
    await settle();
    sync.show(EMOTE, publicAsset('a1'));
    sync.show(ALERT, publicAsset('b1', { assetType: 'alert' }));
    await settle();
    obs.stop();
    // OBS comes back as a fresh process: no scene, no inputs.
    obs.scenes.clear();
    obs.scenes.set('Scene', []);
    obs.inputs.clear();
    sync.show(EMOTE, publicAsset('a2'));
    await settle();
    expect(last()).toEqual({ state: 'error', message: 'Lost OBS at ws://127.0.0.1:4455', retryInMs: 500 });
    obs.start();
    clock.advanceBy(500);
    for (let n = 0; n < 3; n++) await settle();
    expect(emoteFile()).toBe(fileUrl('a2'));
    expect(obs.inputs.get('Streamer Studio · alert')?.settings.file).toBe(fileUrl('b1'));
    expect(obs.itemsOf(SCENE)).toHaveLength(2);
  });

  it('gets past a request OBS drops as it quits, applying it once OBS is back', async () => {
    const sync = start();
    await settle();
    const release = obs.hold();
    sync.show(EMOTE, publicAsset('a1'));
    await settle();
    obs.stop();
    release();
    await settle();
    expect(last()).toMatchObject({ state: 'error', message: 'Lost OBS at ws://127.0.0.1:4455' });
    obs.start();
    clock.advanceBy(clock.nextAt! - clock.now());
    for (let n = 0; n < 3; n++) await settle();
    expect(emoteFile()).toBe(fileUrl('a1'));
    expect(applied.map((entry) => entry.assetId)).toEqual(['a1']);
  });

  it('empties the slot showing an asset that is removed, and no other', async () => {
    const sync = start();
    await settle();
    sync.show(EMOTE, publicAsset('a1'));
    sync.show(ALERT, publicAsset('b1', { assetType: 'alert' }));
    await settle();
    sync.remove('a1');
    sync.remove('not-shown');
    await settle();
    expect(emoteFile()).toBe('');
    expect(obs.itemsOf(SCENE).map((item) => [item.sourceName, item.enabled])).toEqual([
      [EMOTE_INPUT, false],
      ['Streamer Studio · alert', true],
    ]);
  });

  it('never puts an asset that is not public on stream, and takes it off if it was', async () => {
    const sync = start();
    await settle();
    const privateAsset: Asset = publicAsset('p1', { visibility: 'private' });
    sync.show(EMOTE, privateAsset);
    await settle();
    expect(obs.inputs.size).toBe(0);
    sync.show(EMOTE, publicAsset('a1'));
    await settle();
    sync.show(EMOTE, { ...publicAsset('a1'), visibility: 'private' });
    await settle();
    expect(emoteFile()).toBe('');
    expect(JSON.stringify(obs.calls)).not.toContain('p1');
  });

  it('says in words when OBS will not show a slot, and tries again with backoff', async () => {
    const sync = start();
    await settle();
    obs.refusals.set('CreateInput', new FakeObsError(605, 'The specified input kind is not supported.'));
    sync.show(EMOTE, publicAsset('a1'));
    await settle();
    expect(last()).toEqual({
      state: 'error',
      message: 'OBS would not show the Emote: The specified input kind is not supported.',
      retryInMs: 500,
    });
    obs.refusals.clear();
    clock.advanceBy(500);
    for (let n = 0; n < 3; n++) await settle();
    expect(last()).toMatchObject({ state: 'connected' });
    expect(emoteFile()).toBe(fileUrl('a1'));
  });

  it('starts the backoff again after a connection that stayed up', async () => {
    obs.stop();
    start();
    for (let attempt = 0; attempt < 3; attempt++) {
      await settle();
      clock.advanceBy(clock.nextAt! - clock.now());
    }
    obs.start();
    await settle();
    expect(last()).toMatchObject({ state: 'connected' });
    clock.advanceBy(10_000);
    obs.stop();
    await settle();
    expect(retryDelays()).toEqual([500, 1000, 2000, 500]);
  });

  it('keeps backing off when OBS drops every connection at once', async () => {
    start();
    await settle();
    obs.stop();
    await settle();
    obs.start();
    clock.advanceBy(clock.nextAt! - clock.now());
    await settle();
    obs.stop();
    await settle();
    expect(retryDelays()).toEqual([500, 1000]);
  });

  it('stops for good on close(): off, disconnected, no more attempts or requests', async () => {
    const sync = start();
    await settle();
    sync.close();
    expect(last()).toEqual({ state: 'off' });
    const asked = obs.calls.length;
    sync.show(EMOTE, publicAsset('a1'));
    await settle();
    expect(obs.calls.length).toBe(asked);
    expect(clock.nextAt).toBeUndefined();
  });

  it('stops retrying when closed while OBS is away', async () => {
    obs.stop();
    const sync = start();
    await settle();
    expect(clock.nextAt).toBe(500);
    sync.close();
    expect(clock.nextAt).toBeUndefined();
    expect(obs.connects).toHaveLength(1);
  });
});
