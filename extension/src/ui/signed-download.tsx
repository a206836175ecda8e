import { useState } from 'preact/hooks';
import { errorText } from './error-text.js';

/** A link asked for less than this before it expires is asked for again. */
const FRESH_FOR_MS = 30_000;

/** A short-lived signed link to a file, as the server hands one out. */
export type SignedLink = { readonly url: string; readonly expiresAt: string };

const isFresh = (link: SignedLink | null, now = Date.now()): link is SignedLink =>
  link !== null && Date.parse(link.expiresAt) - now > FRESH_FOR_MS;

export interface SignedDownloadProps {
  readonly label: string;
  /** Asks the server for a link: called when the pointer or focus reaches it, and again once it is stale. */
  readonly fetchLink: () => Promise<SignedLink>;
  readonly class?: string;
}

/**
 * A download from a short-lived signed link, opened in a new tab (Twitch's sandboxed frame lets
 * popups escape to download; no Authorization header could follow one). The link is asked for
 * when the pointer or focus reaches it, so the click itself is a plain link; a click that beats
 * the answer opens the tab once the link arrives.
 */
export function SignedDownload({ label, fetchLink, class: className }: SignedDownloadProps) {
  const [link, setLink] = useState<SignedLink | null>(null);
  const [error, setError] = useState<unknown>(null);

  const prepare = async (): Promise<string> => {
    if (isFresh(link)) return link.url;
    const next = await fetchLink();
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
        class={className}
        href={isFresh(link) ? link.url : '#download'}
        target="_blank"
        rel="noopener"
        onPointerEnter={warm}
        onFocus={warm}
        onClick={onClick}
      >
        {label}
      </a>
      {error !== null && (
        <span class="small download-error" role="alert">
          {' '}
          {errorText(error)}
        </span>
      )}
    </>
  );
}
