import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { SignedDownload } from '../ui/signed-download.js';

/** "Download all sizes": a zip of the asset's files from a short-lived signed link, in a new tab. */
export function DownloadLink({ asset }: { asset: Asset }) {
  const { api } = useStudio();
  return (
    <SignedDownload
      class="asset-download"
      label="Download all sizes"
      fetchLink={() => api.downloadLink(asset.id)}
    />
  );
}
