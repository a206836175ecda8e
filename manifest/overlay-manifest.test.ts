import { describe, expect, it } from 'vitest';
import shipped from './overlay.json' with { type: 'json' };
import { loadOverlayManifest } from './overlay-manifest.js';
import { overlayManifestProblems } from './overlay-slots.js';

const copy = (): typeof shipped => structuredClone(shipped);

describe('the overlay manifest', () => {
  it('ships valid slots, each asset type in at most one', async () => {
    const manifest = await loadOverlayManifest();
    expect(Object.keys(manifest.slots)).toEqual(['emote', 'alert', 'overlay', 'offline_screen']);
    const types = Object.values(manifest.slots).flatMap((slot) => slot.assetTypes);
    expect(new Set(types).size).toBe(types.length);
  });

  it('names the field at fault', () => {
    const wide = copy();
    wide.slots.alert.box.width = 1900;
    expect(overlayManifestProblems(wide)).toEqual(['slots.alert.box: must fit the 1920×1080 canvas']);

    const unknownType = copy() as unknown as { slots: Record<string, { assetTypes: string[] }> };
    unknownType.slots.emote!.assetTypes = ['emote', 'poster'];
    expect(overlayManifestProblems(unknownType)[0]).toMatch(/^slots\.emote\.assetTypes\.1: /);

    const twice = copy();
    twice.slots.alert.assetTypes = ['alert', 'emote'];
    expect(overlayManifestProblems(twice)).toEqual([
      'slots.alert.assetTypes: emote is already shown by slot emote; an asset type belongs to one slot',
    ]);

    const extra = { ...copy(), colour: 'red' };
    expect(overlayManifestProblems(extra)[0]).toMatch(/colour/);
    const badEntrance = copy() as unknown as { slots: Record<string, { entrance: string }> };
    badEntrance.slots.overlay!.entrance = 'explode';
    expect(overlayManifestProblems(badEntrance)[0]).toMatch(/^slots\.overlay\.entrance: /);
  });
});
