import type { Asset, StudioStreamEvent } from '../../../client/index.js';

/** What an event means for the screen: an asset is now public, or one is gone from view. */
export type PublicChange =
  | { readonly kind: 'public'; readonly asset: Asset }
  | { readonly kind: 'gone'; readonly assetId: string };

/**
 * Reads one stream event for the overlay. Only an asset whose own `visibility` says `public` may
 * show: a broadcaster's token also receives private assets, and nothing else stands between them
 * and the stream. An update to anything but public, and a deletion, takes the asset away.
 */
export function publicChange(event: StudioStreamEvent): PublicChange | null {
  switch (event.type) {
    case 'asset.created':
      return event.data.visibility === 'public' ? { kind: 'public', asset: event.data } : null;
    case 'asset.updated':
      return event.data.visibility === 'public' && 'files' in event.data
        ? { kind: 'public', asset: event.data }
        : { kind: 'gone', assetId: event.data.id };
    case 'asset.deleted':
      return { kind: 'gone', assetId: event.data.id };
    default:
      return null;
  }
}
