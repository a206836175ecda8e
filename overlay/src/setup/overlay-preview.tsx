import { useDebounced } from './use-debounced.js';

/** The overlay as OBS will show it, at a third of its size, over a checkerboard so transparency shows. */
export function OverlayPreview({ url, delayMs = 600 }: { url: string | null; delayMs?: number }) {
  // Reloading the page on every keystroke would reconnect its event stream each time.
  const settled = useDebounced(url, delayMs);
  return (
    <section class="card setup-section">
      <h2>Preview</h2>
      <div class="preview checker">
        {settled ? (
          <iframe title="Overlay preview" src={settled} referrerpolicy="no-referrer" />
        ) : (
          <p class="small muted preview-empty">The preview shows once the URL is ready.</p>
        )}
      </div>
      <p class="small muted hint">
        New public assets of your channel show here as they will in OBS. The preview leaves your OBS scenes
        alone.
      </p>
    </section>
  );
}
