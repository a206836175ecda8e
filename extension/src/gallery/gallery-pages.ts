import type { AssetPage, Visibility } from '../../../client/index.js';
import type { AssetType } from '../../../server/catalogue/index.js';
import type { Studio } from '../studio/studio-context.js';

/** How many assets a page asks for: whole rows of the three-column grid. */
export const PAGE_SIZE = 24;

export interface GalleryQuery {
  readonly visibility?: Visibility;
  readonly assetType?: AssetType;
}

/** Loads a page of a gallery: the first without a cursor, the next with the one the last page gave. */
export type PageLoader = (cursor?: string) => Promise<AssetPage>;

/**
 * Where a gallery's pages come from. A viewer sees what every viewer of the channel sees, so theirs
 * is the public gallery, read without a token from a route a CDN may cache: a raid then costs the
 * server little. The broadcaster and moderators read the authenticated API, private assets and all,
 * and never from a cache.
 */
export function galleryPages(
  { api, capabilities, channelId }: Pick<Studio, 'api' | 'capabilities' | 'channelId'>,
  { visibility, assetType }: GalleryQuery,
): PageLoader {
  if (capabilities.role === 'viewer')
    return (cursor) => api.publicGallery(channelId, { assetType, limit: PAGE_SIZE, cursor });
  return (cursor) => api.assets({ visibility, assetType, limit: PAGE_SIZE, cursor });
}
