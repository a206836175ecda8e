import './setup.css';
import { useState } from 'preact/hooks';
import type { FetchLike } from '../../../client/index.js';
import type { ObsSocket } from '../obs/obs-socket.js';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import { ObsSection } from './obs-section.js';
import { overlayLink } from './overlay-link.js';
import { OverlayPreview } from './overlay-preview.js';
import { OverlayUrlField } from './overlay-url-field.js';
import { defaultSetupForm, type SetupForm } from './setup-form.js';
import { SlotsSection } from './slots-section.js';
import { TokenField } from './token-field.js';
import { useObsTest } from './use-obs-test.js';
import { useTokenCheck } from './use-token-check.js';

/** What the page talks to; the browser's own unless a test hands in fakes. */
export interface SetupPageProps {
  /** The Studio server, which also serves `/overlay`. */
  readonly origin?: string;
  readonly fetch?: FetchLike;
  readonly createObsSocket?: () => ObsSocket;
  readonly clipboard?: Pick<Clipboard, 'writeText'>;
  readonly previewDelayMs?: number;
}

/** `/overlay/setup`: builds the overlay's URL, tests OBS from the browser, previews the result. */
export function SetupPage({
  origin = location.origin,
  fetch,
  createObsSocket,
  clipboard = navigator.clipboard,
  previewDelayMs,
}: SetupPageProps) {
  const [form, setForm] = useState<SetupForm>(() => defaultSetupForm(OVERLAY_MANIFEST));
  const check = useTokenCheck(form.token, { baseUrl: origin, fetch });
  const obsTest = useObsTest(createObsSocket);
  const link = overlayLink(form, `${origin}/overlay`, OVERLAY_MANIFEST);
  return (
    <main class="view setup">
      <h1>Streamer Studio overlay for OBS</h1>
      <p class="muted">
        Pick what the overlay shows and where, then paste its URL into OBS as a browser source. Assets show as
        soon as they are published.
      </p>
      <div class="setup-columns">
        <div>
          <TokenField
            value={form.token}
            onInput={(token) => setForm({ ...form, token })}
            check={check}
            origin={origin}
          />
          <ObsSection form={form} onChange={(patch) => setForm({ ...form, ...patch })} obsTest={obsTest} />
          <SlotsSection form={form} onForm={setForm} />
        </div>
        <div>
          <OverlayUrlField link={link} clipboard={clipboard} />
          <OverlayPreview url={link.ok ? link.previewUrl : null} delayMs={previewDelayMs} />
        </div>
      </div>
    </main>
  );
}
