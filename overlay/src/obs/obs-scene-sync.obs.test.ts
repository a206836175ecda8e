import { createServer } from 'node:net';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import type { SlotSettings } from '../url/overlay-config.js';
import { createObsSceneSync } from './obs-scene-sync.js';
import type { SceneSync, SceneSyncStatus } from './scene-sync.js';
import { describeWithObs } from './testing/describe-with-obs.js';
import { type PngServer, type Rgb, startPngServer } from './testing/png-server.js';
import { publicAsset } from './testing/public-asset.js';
import { sceneScreenshot } from './testing/scene-screenshot.js';

const SCENE = 'Streamer Studio Test';
/** A box wider than tall: a square emote scaled into it keeping its shape leaves the sides empty. */
const EMOTE: SlotSettings = {
  ...OVERLAY_MANIFEST.slots.emote!,
  name: 'emote',
  box: { x: 100, y: 100, width: 400, height: 200 },
};
const ALERT: SlotSettings = { ...OVERLAY_MANIFEST.slots.alert!, name: 'alert' };
/** Kept clear of the emote's box, so the screenshots read one slot each. */
const OVERLAY: SlotSettings = {
  ...OVERLAY_MANIFEST.slots.overlay!,
  name: 'overlay',
  box: { x: 1500, y: 100, width: 300, height: 300 },
};
const EMOTE_INPUT = 'Streamer Studio · emote';
const ALERT_INPUT = 'Streamer Studio · alert';
const OVERLAY_INPUT = 'Streamer Studio · overlay';
const RED: Rgb = { r: 230, g: 20, b: 20 };
const GREEN: Rgb = { r: 20, g: 200, b: 40 };
const BLUE: Rgb = { r: 30, g: 60, b: 220 };
/** Quick retries: the suite restarts OBS and should not sit out a 10 s backoff. */
const RETRY = { baseMs: 400, maxMs: 2000 };
const SHOWS_MEASURED = 40;

/** Polls `read` until `done` says yes, failing with the last value after `timeoutMs`. */
async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const near = (colour: Rgb & { a: number }, want: Rgb) =>
  colour.a > 250 &&
  Math.abs(colour.r - want.r) + Math.abs(colour.g - want.g) + Math.abs(colour.b - want.b) < 30;

/** A port nothing listens on. */
const deadPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describeWithObs('ObsSceneSync against a real OBS 29', (obs) => {
  let pngs: PngServer;
  let sync: SceneSync;
  const statuses: SceneSyncStatus[] = [];
  const applied: { assetId: string; ms: number }[] = [];
  /** The test's own connection to OBS, to look at what the sync did. */
  let look: OBSWebSocket;
  const others: SceneSync[] = [];

  async function asset(id: string, colour: Rgb): Promise<Asset> {
    await pngs.add(id, colour);
    return publicAsset(id);
  }
  const status = () => statuses.at(-1);
  const shown = (assetId: string) => until(() => applied.some((entry) => entry.assetId === assetId), Boolean);
  const itemsNamed = async (inputName: string, scene = SCENE) =>
    (await look.call('GetSceneItemList', { sceneName: scene })).sceneItems.filter(
      (item) => item.sourceName === inputName,
    );
  const fileOf = async (inputName: string) =>
    (await look.call('GetInputSettings', { inputName })).inputSettings.file;
  async function lookAgain() {
    look = new OBSWebSocket();
    await look.connect(obs.url, obs.password);
  }
  /** Statuses of a second sync, for the failures that must not disturb the main one. */
  function otherSync(url: string, password: string): SceneSyncStatus[] {
    const seen: SceneSyncStatus[] = [];
    const other = createObsSceneSync({
      target: { url, password },
      scene: SCENE,
      publicFileUrl: pngs.publicFileUrl,
      retry: RETRY,
    });
    other.onStatus((next) => seen.push(next));
    others.push(other);
    return seen;
  }

  beforeAll(async () => {
    pngs = await startPngServer();
    await lookAgain();
    sync = createObsSceneSync({
      target: { url: obs.url, password: obs.password },
      scene: SCENE,
      publicFileUrl: pngs.publicFileUrl,
      retry: RETRY,
      onApplied: (_slot, shownAsset, ms) => applied.push({ assetId: shownAsset.id, ms }),
    });
    sync.onStatus((next) => statuses.push(next));
  });

  afterAll(async () => {
    sync?.close();
    for (const other of others) other.close();
    await look?.disconnect();
    await pngs?.close();
  });

  it('creates the scene OBS came up without, and connects with image sources (Debian’s OBS has no browser)', async () => {
    await until(status, (now) => now?.state === 'connected');
    expect(status()).toEqual({ state: 'connected', scene: SCENE, inputKind: 'image_source' });
    const { scenes } = await look.call('GetSceneList');
    expect(scenes.map((scene) => scene.sceneName)).toContain(SCENE);
  });

  it('makes exactly one input for the first asset, and updates that same input for the second', async () => {
    sync.show(EMOTE, await asset('red-1', RED));
    await shown('red-1');
    expect(await itemsNamed(EMOTE_INPUT)).toHaveLength(1);
    expect(await fileOf(EMOTE_INPUT)).toBe(pngs.publicFileUrl('red-1', '112x112'));

    sync.show(EMOTE, await asset('green-1', GREEN));
    await shown('green-1');
    const items = await itemsNamed(EMOTE_INPUT);
    expect(items).toHaveLength(1);
    expect(items[0]?.sceneItemEnabled).toBe(true);
    expect(await fileOf(EMOTE_INPUT)).toBe(pngs.publicFileUrl('green-1', '112x112'));
    const { inputs } = await look.call('GetInputList');
    expect(inputs.filter((input) => input.inputName === EMOTE_INPUT)).toHaveLength(1);
  });

  it("draws the PNG inside the slot's box, scaled to fit keeping its shape, and nothing outside it", async () => {
    // A 400×200 box at (100, 100): the square PNG becomes 200×200, centred, so x 200–400.
    const screenshot = await until(
      () => sceneScreenshot(look, SCENE),
      (shot) => near(shot.at(300, 200), GREEN),
    );
    for (const [x, y] of [
      [205, 105],
      [395, 295],
      [300, 200],
    ] as const)
      expect(near(screenshot.at(x, y), GREEN)).toBe(true);
    for (const [x, y] of [
      [150, 200],
      [450, 200],
      [300, 90],
      [300, 310],
      [60, 60],
      [960, 540],
      [1900, 1060],
    ] as const)
      expect(screenshot.at(x, y).a).toBe(0);
  });

  it(`takes ${SHOWS_MEASURED} shows in turn, each reaching its scene item in OBS, and prints the times`, async () => {
    const assets = await Promise.all(
      Array.from({ length: SHOWS_MEASURED }, (_, n) => asset(`measured-${n}`, n % 2 ? RED : BLUE)),
    );
    const before = applied.length;
    for (const next of assets) {
      sync.show(EMOTE, next);
      await shown(next.id);
    }
    const times = applied.slice(before).map((entry) => entry.ms);
    expect(times).toHaveLength(SHOWS_MEASURED);
    const sorted = [...times].sort((a, b) => a - b);
    const created = applied[0]!.ms;
    console.info(
      `show() → scene item in OBS over ${SHOWS_MEASURED} updates: p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; ` +
        `the first, which created the input: ${created.toFixed(1)} ms`,
    );
    expect(await itemsNamed(EMOTE_INPUT)).toHaveLength(1);
    expect(await fileOf(EMOTE_INPUT)).toBe(pngs.publicFileUrl(assets.at(-1)!.id, '112x112'));
  });

  it('lands a burst of shows on the latest, still with one input', async () => {
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, n) => asset(`burst-${n}`, n === 14 ? RED : BLUE)),
    );
    for (const next of burst) sync.show(EMOTE, next);
    await shown('burst-14');
    expect(await fileOf(EMOTE_INPUT)).toBe(pngs.publicFileUrl('burst-14', '112x112'));
    expect(await itemsNamed(EMOTE_INPUT)).toHaveLength(1);
  });

  it('gives an input that lives in another scene an item in this one, instead of a second input', async () => {
    await look.call('CreateInput', {
      sceneName: 'Scene',
      inputName: ALERT_INPUT,
      inputKind: 'image_source',
      inputSettings: { file: '' },
    });
    sync.show(ALERT, await asset('alert-1', GREEN));
    await shown('alert-1');
    expect(await itemsNamed(ALERT_INPUT)).toHaveLength(1);
    expect(await itemsNamed(ALERT_INPUT, 'Scene')).toHaveLength(1);
    const { inputs } = await look.call('GetInputList');
    expect(inputs.filter((input) => input.inputName === ALERT_INPUT)).toHaveLength(1);
  });

  it('takes a removed asset off stream: its slot is hidden and emptied', async () => {
    sync.remove('alert-1');
    await until(
      () => itemsNamed(ALERT_INPUT),
      (items) => items[0]?.sceneItemEnabled === false,
    );
    expect(await fileOf(ALERT_INPUT)).toBe('');
    expect(await itemsNamed(EMOTE_INPUT).then((items) => items[0]?.sceneItemEnabled)).toBe(true);
  });

  it('gives a restarted OBS every slot’s latest, including what was shown while it was stopped, without another show()', async () => {
    sync.show(OVERLAY, await asset('overlay-1', RED));
    await shown('overlay-1');
    await look.disconnect();
    await obs.stop();
    await until(status, (now) => now?.state === 'error');
    sync.show(EMOTE, await asset('while-away', BLUE));
    await obs.start();
    await lookAgain();
    await until(status, (now) => now?.state === 'connected');
    await shown('while-away');
    // A fresh OBS: the scene and each input are made again, once each.
    expect(await itemsNamed(EMOTE_INPUT)).toHaveLength(1);
    expect(await fileOf(EMOTE_INPUT)).toBe(pngs.publicFileUrl('while-away', '112x112'));
    await until(
      () => itemsNamed(OVERLAY_INPUT),
      (items) => items[0]?.sceneItemEnabled === true,
    );
    expect(await fileOf(OVERLAY_INPUT)).toBe(pngs.publicFileUrl('overlay-1', '112x112'));
    const screenshot = await until(
      () => sceneScreenshot(look, SCENE),
      (shot) => near(shot.at(300, 200), BLUE) && near(shot.at(1650, 250), RED),
    );
    expect(screenshot.at(1000, 540).a).toBe(0);
    // The alert was removed before OBS went away: the new OBS never gets it back.
    expect(await itemsNamed(ALERT_INPUT)).toHaveLength(0);
  });

  it('says OBS refused the password, and never the password itself', async () => {
    const wrong = `not-${obs.password}`;
    const seen = otherSync(obs.url, wrong);
    const refused = await until(
      () => seen.at(-1),
      (now) => now?.state === 'error',
    );
    expect(refused).toMatchObject({ state: 'error', message: 'OBS refused the password' });
    expect(JSON.stringify(seen)).not.toContain(wrong);
    expect(JSON.stringify(seen)).not.toContain(obs.password);
  });

  it('says OBS is not running at the address when nothing listens there', async () => {
    const url = `ws://127.0.0.1:${await deadPort()}`;
    const seen = otherSync(url, obs.password);
    const error = await until(
      () => seen.at(-1),
      (now) => now?.state === 'error',
    );
    expect(error).toMatchObject({
      state: 'error',
      message: `OBS is not running at ${url} (or not reachable)`,
    });
    expect((error as { retryInMs: number }).retryInMs).toBeGreaterThanOrEqual(RETRY.baseMs / 2);
  });
});
