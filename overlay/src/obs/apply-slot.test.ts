import { beforeEach, describe, expect, it } from 'vitest';
import { applySlot, type SlotApplication } from './apply-slot.js';
import { FakeObs, FakeObsError } from './testing/fake-obs.js';

const SCENE = 'Streamer Studio';
const INPUT = 'Streamer Studio · emote';
const slot = { name: 'emote', box: { x: 1680, y: 800, width: 200, height: 200 } };
const picture = (id: string) => ({
  url: `http://studio.test/asset/${id}?size=112x112`,
  width: 112,
  height: 112,
});
const showing = (id: string | null): SlotApplication => ({
  scene: SCENE,
  slot,
  inputKind: 'image_source',
  picture: id ? picture(id) : null,
});

describe('applySlot', () => {
  let obs: FakeObs;
  beforeEach(() => {
    obs = new FakeObs();
    obs.scenes.set(SCENE, []);
  });
  const types = () => obs.calls.map((call) => call.type);

  it('creates the input hidden, puts it in the box keeping its shape, then shows it', async () => {
    await applySlot(obs.call, showing('a1'));
    expect(types()).toEqual([
      'GetInputSettings',
      'CreateInput',
      'SetSceneItemTransform',
      'SetSceneItemEnabled',
    ]);
    expect(obs.calls[1]?.data).toMatchObject({ sceneName: SCENE, inputName: INPUT, sceneItemEnabled: false });
    expect(obs.inputs.get(INPUT)).toEqual({ kind: 'image_source', settings: { file: picture('a1').url } });
    const [item, ...others] = obs.itemsOf(SCENE);
    expect(others).toEqual([]);
    expect(item).toMatchObject({ sourceName: INPUT, enabled: true });
    expect(item?.transform).toMatchObject({
      positionX: 1680,
      positionY: 800,
      alignment: 5,
      boundsType: 'OBS_BOUNDS_SCALE_INNER',
      boundsWidth: 200,
      boundsHeight: 200,
      boundsAlignment: 0,
    });
  });

  it('updates the input it made before instead of making another', async () => {
    await applySlot(obs.call, showing('a1'));
    await applySlot(obs.call, {
      ...showing('a2'),
      slot: { ...slot, box: { x: 10, y: 20, width: 300, height: 100 } },
    });
    expect(types().filter((type) => type === 'CreateInput')).toHaveLength(1);
    expect(obs.inputs.get(INPUT)?.settings).toEqual({ file: picture('a2').url });
    expect(obs.itemsOf(SCENE)).toHaveLength(1);
    expect(obs.itemsOf(SCENE)[0]?.transform).toMatchObject({
      positionX: 10,
      positionY: 20,
      boundsWidth: 300,
    });
  });

  it('adds an input that lives only in another scene to this one, leaving the other alone', async () => {
    obs.scenes.set('Just Chatting', []);
    await applySlot(obs.call, { ...showing('a1'), scene: 'Just Chatting' });
    await applySlot(obs.call, showing('a2'));
    expect(types()).toContain('CreateSceneItem');
    expect(obs.inputs.size).toBe(1);
    expect(obs.itemsOf(SCENE).map((item) => [item.sourceName, item.enabled])).toEqual([[INPUT, true]]);
    expect(obs.itemsOf('Just Chatting').map((item) => item.sourceName)).toEqual([INPUT]);
  });

  it('hides and empties the input for no picture, keeping it for the next asset', async () => {
    await applySlot(obs.call, showing('a1'));
    await applySlot(obs.call, showing(null));
    expect(obs.inputs.get(INPUT)?.settings).toEqual({ file: '' });
    expect(obs.itemsOf(SCENE).map((item) => item.enabled)).toEqual([false]);
  });

  it('creates nothing to show nothing', async () => {
    await applySlot(obs.call, showing(null));
    expect(types()).toEqual(['GetInputSettings']);
    expect(obs.inputs.size).toBe(0);
  });

  it('keeps the kind of an input that exists: a browser source gets a URL even where image sources are made', async () => {
    obs.inputs.set(INPUT, { kind: 'browser_source', settings: { url: 'about:blank' } });
    await applySlot(obs.call, showing('a1'));
    expect(obs.inputs.get(INPUT)?.settings).toMatchObject({
      url: picture('a1').url,
      width: 112,
      height: 112,
    });
  });

  it("refuses to take over a streamer's input of another kind under its name, and never empties it", async () => {
    obs.inputs.set(INPUT, { kind: 'text_ft2_source_v2', settings: { text: 'mine' } });
    await expect(applySlot(obs.call, showing('a1'))).rejects.toThrow(
      'OBS already has a “Streamer Studio · emote” that is a text_ft2_source_v2; rename or delete it',
    );
    await applySlot(obs.call, showing(null));
    expect(obs.inputs.get(INPUT)).toEqual({ kind: 'text_ft2_source_v2', settings: { text: 'mine' } });
  });

  it('passes on a refusal that is not a missing name', async () => {
    obs.refusals.set('CreateInput', new FakeObsError(605, 'The specified input kind is not supported.'));
    await expect(applySlot(obs.call, showing('a1'))).rejects.toMatchObject({ code: 605 });
  });
});
