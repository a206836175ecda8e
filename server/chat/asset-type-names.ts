import { ASSET_TYPES, type AssetType, CATALOGUE } from '../catalogue/index.js';

/**
 * What chat may call each asset type. The first word is the one replies and help show; the type's
 * own name and its catalogue label are always accepted as well, so every type has at least those.
 */
export const ASSET_TYPE_NAMES: Readonly<Record<AssetType, readonly [string, ...string[]]>> = {
  emote: ['emote'],
  sub_badge: ['badge', 'subbadge', 'sub badge', 'subscriber badge'],
  channel_points_icon: ['points icon', 'channel points', 'channel point icon', 'cp', 'cp icon'],
  panel: ['panel'],
  profile_picture: ['pfp', 'avatar', 'profile picture', 'profile pic'],
  profile_banner: ['banner', 'profile banner'],
  offline_screen: ['offline', 'offline screen', 'offline image'],
  overlay: ['overlay'],
  thumbnail: ['thumbnail', 'thumb'],
  alert: ['alert'],
};

/** The most words one name above has; the parser tries this many words first. */
export const MAX_TYPE_NAME_WORDS = 3;

/**
 * One spelling for every way of writing a name: NFKC (so full-width letters match), lower case,
 * no separators (`sub badge`, `sub-badge`, `sub_badge`, `subbadge` are one), and no plural `s`.
 */
export function typeNameKey(words: string): string {
  return words
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_\p{Cf}]/gu, '')
    .replace(/s$/u, '');
}

function buildIndex(): ReadonlyMap<string, AssetType> {
  const index = new Map<string, AssetType>();
  for (const type of ASSET_TYPES) {
    for (const name of [type, CATALOGUE[type].label, ...ASSET_TYPE_NAMES[type]]) {
      const key = typeNameKey(name);
      const taken = index.get(key);
      // Two types under one name would make a command mean whichever was listed first.
      if (taken !== undefined && taken !== type) throw new Error(`'${name}' names both ${taken} and ${type}`);
      index.set(key, type);
    }
  }
  return index;
}

const INDEX = buildIndex();

/** The asset type some words of chat name, or undefined when they name none. */
export function assetTypeNamed(words: string): AssetType | undefined {
  return INDEX.get(typeNameKey(words));
}

/** The name chat sees for a type (`badge`, `pfp`, …). */
export function chatTypeName(type: AssetType): string {
  return ASSET_TYPE_NAMES[type][0];
}
