import type { AppDeps } from '../app-deps.js';
import { packDownloadLinksFor } from '../packs/index.js';
import { packZip } from '../use-cases/index.js';
import { signedZipRoute } from './signed-zip-route.js';

/** `GET /download/packs/:id`: the zip of a brand pack a signed link grants, named for the pack. */
export function packDownloadRoutes(deps: AppDeps) {
  return signedZipRoute({
    path: '/download/packs/{id}',
    summary: 'A zip of a brand pack, through a link from POST /api/v1/packs/{id}/download-link',
    links: packDownloadLinksFor(deps.extensionSecret),
    load: (channelId, id) => packZip(deps, channelId, id),
  });
}
