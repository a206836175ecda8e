import { createHmac } from 'node:crypto';
import { DownloadLinks } from '../assets/download-links.js';

/**
 * Signed links to a pack's zip, like an asset's (`DownloadGrant.assetId` holds the pack's id), but
 * under a key of their own: a pack link can never be replayed as an asset link, nor the reverse.
 */
export function packDownloadLinksFor(extensionSecret: string): DownloadLinks {
  const key = createHmac('sha256', Buffer.from(extensionSecret, 'base64'))
    .update('streamer-studio/pack-download-links')
    .digest();
  return new DownloadLinks(key);
}
