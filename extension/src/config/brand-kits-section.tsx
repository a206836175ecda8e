import { errorText } from '../ui/error-text.js';
import { Notice } from '../ui/notice.js';
import { BrandKitEditor } from './brand-kit-editor.js';
import { useBrandKits } from './use-brand-kits.js';

/** The channel's brand kits: loading, failed (with a retry), or the editor. */
export function BrandKitsSection({ readOnly }: { readonly readOnly: boolean }) {
  const { state, retry, saved, removed } = useBrandKits();
  return (
    <section class="card config-section" aria-labelledby="brand-kits-title">
      <h2 id="brand-kits-title">Brand kits</h2>
      <p class="small muted">The colours, type and mood every generated asset is drawn in.</p>
      {state.status === 'loading' && <Notice title="Loading brand kits…" busy />}
      {state.status === 'failed' && (
        <Notice title="The brand kits could not be loaded" tone="error">
          {errorText(state.error)}{' '}
          <button type="button" onClick={retry}>
            Try again
          </button>
        </Notice>
      )}
      {state.status === 'ready' && (
        <BrandKitEditor kits={state.kits} list={{ saved, removed }} readOnly={readOnly} />
      )}
    </section>
  );
}
