import { describe, expect, it } from 'vitest';
import { nearestAspectRatio } from './aspect-ratio.js';
import { ASSET_TYPES, assetSpec, CATALOGUE, isAssetType, largestSize } from './asset-catalogue.js';

describe('asset catalogue', () => {
  it('holds the ten types of the design, each with its files largest first', () => {
    expect(Object.keys(CATALOGUE)).toEqual([...ASSET_TYPES]);
    expect(ASSET_TYPES).toHaveLength(10);
    for (const type of ASSET_TYPES) {
      const areas = assetSpec(type).sizes.map((s) => s.width * s.height);
      expect(areas).toEqual([...areas].sort((a, b) => b - a));
    }
  });

  it('matches the design table for sizes, transparency and limits', () => {
    expect(assetSpec('emote').sizes.map((s) => s.width)).toEqual([112, 56, 28]);
    expect(assetSpec('sub_badge')).toMatchObject({ transparent: true, maxBytes: 25_000 });
    expect(assetSpec('panel').sizes).toEqual([{ width: 320, height: 160 }]);
    expect(largestSize('profile_banner')).toEqual({ width: 1200, height: 480 });
    expect(assetSpec('overlay').transparent).toBe(true);
    expect(assetSpec('thumbnail')).toMatchObject({ transparent: false, maxBytes: 2_000_000 });
  });

  it('asks Gemini for the nearest supported aspect ratio', () => {
    expect(assetSpec('emote').aspectRatio).toBe('1:1');
    expect(assetSpec('panel').aspectRatio).toBe('16:9');
    expect(assetSpec('profile_banner').aspectRatio).toBe('21:9');
    expect(assetSpec('offline_screen').aspectRatio).toBe('16:9');
    expect(nearestAspectRatio(1080, 1920)).toBe('9:16');
    expect(nearestAspectRatio(800, 1000)).toBe('4:5');
  });

  it('recognises only catalogue names as asset types', () => {
    expect(isAssetType('emote')).toBe(true);
    expect(isAssetType('Emote')).toBe(false);
    expect(isAssetType('toString')).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CATALOGUE)).toBe(true);
    expect(Object.isFrozen(CATALOGUE.emote)).toBe(true);
  });
});
