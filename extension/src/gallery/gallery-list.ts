import type { Asset, AssetPage, StudioStreamEvent } from '../../../client/index.js';

/** The assets a gallery shows, newest first, and the cursor of the page after them (`null` at the end). */
export interface GalleryList {
  readonly items: readonly Asset[];
  readonly nextCursor: string | null;
}

/** Which assets belong in a gallery (its visibility and type filters). */
export type AssetFilter = (asset: Asset) => boolean;

export const EMPTY_LIST: GalleryList = { items: [], nextCursor: null };

/** The server's order: newest first, ties broken by id (descending), as its keyset cursors page. */
export function newestFirst(a: Asset, b: Asset): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const shows = (list: GalleryList, id: string) => list.items.some((item) => item.id === id);

const without = (list: GalleryList, id: string): GalleryList =>
  shows(list, id) ? { ...list, items: list.items.filter((item) => item.id !== id) } : list;

/**
 * Puts `asset` at its place, replacing any copy with its id. A new one older than every asset
 * shown, while pages remain, is left to the page that holds it: showing it now would put it
 * above assets that page brings.
 */
function upsert(list: GalleryList, asset: Asset): GalleryList {
  const items = [...without(list, asset.id).items, asset].sort(newestFirst);
  if (list.nextCursor !== null && items.at(-1) === asset && !shows(list, asset.id)) return list;
  return { ...list, items };
}

/** The list with the next page's assets after it, each id once, only those the filter accepts. */
export function appendPage(list: GalleryList, page: AssetPage, accepts: AssetFilter): GalleryList {
  const byId = new Map(list.items.map((item) => [item.id, item]));
  for (const item of page.items) if (accepts(item) && !byId.has(item.id)) byId.set(item.id, item);
  return { items: [...byId.values()].sort(newestFirst), nextCursor: page.nextCursor };
}

/**
 * The list after one live event. Idempotent by id: an asset already shown is replaced, a removal of
 * one not shown changes nothing, and an asset the filter refuses (a private one in a viewer's
 * gallery) leaves rather than appears.
 */
export function applyAssetEvent(
  list: GalleryList,
  event: StudioStreamEvent,
  accepts: AssetFilter,
): GalleryList {
  switch (event.type) {
    case 'asset.created':
      return accepts(event.data) ? upsert(list, event.data) : without(list, event.data.id);
    case 'asset.updated': {
      const { data } = event;
      if ('files' in data) return accepts(data) ? upsert(list, data) : without(list, data.id);
      // Hidden: only the id and new visibility arrive, so the copy shown is re-judged with it.
      const shown = list.items.find((item) => item.id === data.id);
      if (!shown) return list;
      const hidden = { ...shown, visibility: data.visibility };
      return accepts(hidden) ? upsert(list, hidden) : without(list, data.id);
    }
    case 'asset.deleted':
      return without(list, event.data.id);
    default:
      return list;
  }
}
