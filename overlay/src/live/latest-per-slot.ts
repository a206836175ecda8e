import type { Asset, StudioApi } from '../../../client/index.js';
import type { OverlayConfig, SlotSettings } from '../url/overlay-config.js';

/**
 * The newest public asset of each shown slot, read from the gallery: what OBS should hold when the
 * page (re)loads — OBS reloads its browser sources when it restarts, and a page that starts empty
 * would leave the scene as the last page left it, hidden assets included.
 */
export async function latestPerSlot(
  api: Pick<StudioApi, 'assets'>,
  config: Pick<OverlayConfig, 'slots'>,
): Promise<Map<SlotSettings, Asset>> {
  const latest = new Map<SlotSettings, Asset>();
  await Promise.all(
    config.slots.map(async (slot) => {
      const pages = await Promise.all(
        slot.assetTypes.map((assetType) => api.assets({ assetType, visibility: 'public', limit: 1 })),
      );
      const newest = pages
        .flatMap((page) => page.items)
        .filter((asset) => asset.visibility === 'public')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      if (newest) latest.set(slot, newest);
    }),
  );
  return latest;
}
