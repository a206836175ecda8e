import { useId, useRef, useState } from 'preact/hooks';
import { type CopyOutcome, copyText } from './copy-text.js';
import type { OverlayLink } from './overlay-link.js';

export interface OverlayUrlFieldProps {
  readonly link: OverlayLink;
  readonly clipboard: Pick<Clipboard, 'writeText'> | undefined;
}

const SAID: Record<CopyOutcome, string> = {
  copied: 'Copied.',
  selected: 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.',
};

/** The URL to paste into OBS, a Copy button, and how to add it as a browser source. */
export function OverlayUrlField({ link, clipboard }: OverlayUrlFieldProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<{ url: string; outcome: CopyOutcome } | null>(null);
  const url = link.ok ? link.url : '';
  return (
    <section class="card setup-section">
      <h2>
        <label for={id}>Overlay URL</label>
      </h2>
      <div class="row url-row">
        <input id={id} ref={field} readOnly value={url} spellcheck={false} placeholder="…" />
        <button
          type="button"
          class="primary"
          disabled={!link.ok}
          onClick={async () =>
            field.current && setCopied({ url, outcome: await copyText(field.current, clipboard) })
          }
        >
          Copy
        </button>
      </div>
      {!link.ok && (
        <p class={`small verdict ${link.missing ? 'muted' : 'verdict-error'}`} role="status">
          {link.problem}
        </p>
      )}
      {copied?.url === url && (
        <p class="small verdict" role="status">
          {SAID[copied.outcome]}
        </p>
      )}
      <ol class="small steps">
        <li>In OBS: Sources → + → Browser.</li>
        <li>Paste this as the URL; set Width 1920 and Height 1080.</li>
      </ol>
      <p class="small muted hint">
        The part after <code>#</code> (the OBS address and password) never leaves this browser and OBS:
        browsers do not send a URL’s fragment to any server. The URL holds your token and OBS password, so
        keep it off stream.
      </p>
    </section>
  );
}
