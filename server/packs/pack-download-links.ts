import { type DownloadLinks, downloadLinksFor } from '../assets/download-links.js';

/**
 * Signed links to a pack's zip, like an asset's (`DownloadGrant.assetId` holds the pack's id), but
 * under a key of their own: a pack link can never be replayed as an asset link, nor the reverse.
 */
export function packDownloadLinksFor(extensionSecret: string): DownloadLinks {
  return downloadLinksFor(extensionSecret, 'pack');
}
