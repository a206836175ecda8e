import { useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';

/** A link asked for less than this before it expires is asked for again. */
const FRESH_FOR_MS = 30_000;

type Link = { readonly url: string; readonly expiresAt: string };

const isFresh = (link: Link | null, now = Date.now()): link is Link =>
  link !== null && Date.parse(link.expiresAt) - now > FRESH_FOR_MS;

/**
 * "Download all sizes": a zip from a short-lived signed link, opened in a new tab (Twitch's
 * sandboxed frame lets popups escape to download; no Authorization header could follow one).
 * The link is asked for when the pointer or focus reaches it, so the click itself is a plain link;
 * a click that beats the answer opens the tab once the link arrives.
 */
export function DownloadLink({ asset }: { asset: Asset }) {
  const { api } = useStudio();
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState<unknown>(null);

  const prepare = async (): Promise<string> => {
    if (isFresh(link)) return link.url;
    const next = await api.downloadLink(asset.id);
    setLink(next);
    setError(null);
    return next.url;
  };
  const warm = () => void prepare().catch(setError);
  const onClick = (event: MouseEvent) => {
    if (isFresh(link)) return;
    event.preventDefault();
    prepare().then((url) => window.open(url, '_blank', 'noopener'), setError);
  };

  return (
    <>
      <a
        class="asset-download"
        href={isFresh(link) ? link.url : '#download'}
        target="_blank"
        rel="noopener"
        onPointerEnter={warm}
        onFocus={warm}
        onClick={onClick}
      >
        Download all sizes
      </a>
      {error !== null && (
        <span class="small asset-download-error" role="alert">
          {' '}
          {errorText(error)}
        </span>
      )}
    </>
  );
}
