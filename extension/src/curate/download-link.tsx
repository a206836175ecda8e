import type { Asset } from '../../../client/index.js';

/** The zip of every size, when the server offers one; otherwise the largest file. */
function downloadHref(asset: Asset): string | undefined {
  const zip = (asset as { downloadUrl?: string }).downloadUrl;
  return zip ?? asset.files[0]?.url;
}

/** "Download all sizes": a plain link, since the URL is signed and needs no Authorization header. */
export function DownloadLink({ asset }: { asset: Asset }) {
  const href = downloadHref(asset);
  if (!href) return null;
  return (
    <a class="asset-download" href={href} target="_blank" rel="noopener" download>
      Download all sizes
    </a>
  );
}
