import type { AppDeps } from '../app-deps.js';
import { getAsset } from '../assets/asset-store.js';
import { zipAsset, zipNameOf } from '../assets/asset-zip.js';
import { downloadLinksFor } from '../assets/download-links.js';
import { NotFoundError } from '../errors/index.js';
import { signedZipRoute } from './signed-zip-route.js';

/** `GET /download/:id`: the zip of every size of an asset a signed link grants, named for the asset. */
export function downloadRoutes(deps: AppDeps) {
  return signedZipRoute({
    path: '/download/{id}',
    summary: 'A zip of every size of an asset, through a link from POST /api/v1/assets/{id}/download-link',
    links: downloadLinksFor(deps.extensionSecret),
    load: async (channelId, id) => {
      const asset = await getAsset(deps.database.db, channelId, id);
      const zip = asset && (await zipAsset(asset, deps.storage));
      if (!asset || !zip) throw new NotFoundError('this asset is gone, or its files are moving: try again');
      return { zip, name: zipNameOf(asset) };
    },
  });
}
