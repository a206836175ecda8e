import { describe, expect, it } from 'vitest';
import { ASSET_TYPES, CATALOGUE } from '../catalogue/index.js';
import { ASSET_TYPE_NAMES, assetTypeNamed, chatTypeName, MAX_TYPE_NAME_WORDS } from './asset-type-names.js';

describe('asset type names', () => {
  it('accepts every type under its own name, its catalogue label and every listed name', () => {
    for (const type of ASSET_TYPES) {
      expect(assetTypeNamed(type)).toBe(type);
      expect(assetTypeNamed(CATALOGUE[type].label)).toBe(type);
      for (const name of ASSET_TYPE_NAMES[type]) expect(assetTypeNamed(name)).toBe(type);
    }
  });

  it('forgives case, plural, separators and full-width letters', () => {
    for (const spelling of ['EMOTES', 'Emote', 'ｅｍｏｔｅ', 'em\u200bote'])
      expect(assetTypeNamed(spelling)).toBe('emote');
    for (const spelling of ['sub badge', 'sub_badge', 'sub-badge', 'SubBadges', 'sub  badges']) {
      expect(assetTypeNamed(spelling)).toBe('sub_badge');
    }
    expect(assetTypeNamed('Channel-Points')).toBe('channel_points_icon');
    expect(assetTypeNamed('thumbs')).toBe('thumbnail');
  });

  it('names nothing for words outside the table', () => {
    for (const word of ['poster', '', 'sub', 'icon', 'emoticon', 'gen'])
      expect(assetTypeNamed(word)).toBeUndefined();
  });

  it('shows one short name per type and never needs more words than the parser reads', () => {
    expect(ASSET_TYPES.map(chatTypeName)).toEqual([
      'emote',
      'badge',
      'points icon',
      'panel',
      'pfp',
      'banner',
      'offline',
      'overlay',
      'thumbnail',
      'alert',
    ]);
    for (const type of ASSET_TYPES) {
      for (const name of [type, CATALOGUE[type].label, ...ASSET_TYPE_NAMES[type]]) {
        expect(name.split(/[\s_-]+/).length).toBeLessThanOrEqual(MAX_TYPE_NAME_WORDS);
      }
    }
  });
});
