import type { BrandKit } from '../../../client/index.js';

/**
 * The channel's kits after `saved` was created or changed: it takes its old place (or joins the
 * end), and if it is now active the others are not, as the server keeps one active kit.
 */
export function withSaved(kits: readonly BrandKit[], saved: BrandKit): BrandKit[] {
  const others = kits.map((kit) => (saved.active && kit.active ? { ...kit, active: false } : kit));
  const at = kits.findIndex((kit) => kit.id === saved.id);
  if (at === -1) return [...others, saved];
  return others.map((kit, i) => (i === at ? saved : kit));
}

/** The channel's kits without the deleted one (deleting the active kit leaves none active). */
export function withoutKit(kits: readonly BrandKit[], id: string): BrandKit[] {
  return kits.filter((kit) => kit.id !== id);
}

/** The kit the editor opens on: the active one, else the first; undefined when there are none. */
export function preferredKit(kits: readonly BrandKit[]): BrandKit | undefined {
  return kits.find((kit) => kit.active) ?? kits[0];
}
