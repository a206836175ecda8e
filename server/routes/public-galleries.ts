import type { AppDeps } from '../app-deps.js';
import type { Asset } from '../assets/asset.js';
import { toAssetView } from '../assets/asset-view.js';
import type { AssetType } from '../catalogue/index.js';
import { cursorCodecFor } from '../http/cursor-codec.js';
import { type RenderedAnswer, renderAnswer } from '../read-cache/index.js';
import { readPublicGallery } from '../use-cases/index.js';
import { pageJson, positionOf } from './schemas.js';

export interface GalleryQuery {
  readonly assetType?: AssetType | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** Where a gallery page is kept: one key per channel, type filter, page size and cursor. */
export const galleryKey = (channelId: string, { assetType, limit, cursor }: GalleryQuery) =>
  `${channelId} ${assetType ?? '*'} ${limit} ${cursor ?? ''}`;

/**
 * A channel's public gallery pages as rendered JSON, from memory while nothing changed on the
 * channel. One cache for everyone who sees only public assets: the public route, and a viewer's
 * token on the authenticated one, which would otherwise run the same query per viewer.
 */
export function publicGalleries(deps: AppDeps) {
  const view = (asset: Asset) => toAssetView(asset, deps.storage);
  const cursors = cursorCodecFor(deps.extensionSecret);
  return async (channelId: string, query: GalleryQuery): Promise<RenderedAnswer> => {
    const { assetType, limit, cursor } = query;
    const rendered = await deps.reads.galleries.load(galleryKey(channelId, query), async () => {
      const found = await readPublicGallery(deps, channelId, {
        assetType,
        limit,
        after: positionOf(cursors, cursor),
      });
      return { value: renderAnswer(await pageJson(found, view, cursors)), channelId };
    });
    // The loader always finds a page (an empty one at worst).
    return rendered!;
  };
}
