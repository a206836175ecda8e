import { useId } from 'preact/hooks';
import { ObsResultLine } from './obs-result-line.js';
import { SceneField } from './scene-field.js';
import { SecretInput } from './secret-input.js';
import type { SetupForm } from './setup-form.js';
import type { useObsTest } from './use-obs-test.js';

export interface ObsSectionProps {
  readonly form: SetupForm;
  readonly onChange: (patch: Partial<Pick<SetupForm, 'obsUrl' | 'obsPassword' | 'scene'>>) => void;
  readonly obsTest: ReturnType<typeof useObsTest>;
}

/** Where OBS is, a button that tries it from this browser, and the scene to fill. */
export function ObsSection({ form, onChange, obsTest }: ObsSectionProps) {
  const id = useId();
  return (
    <section class="card setup-section">
      <h2>OBS</h2>
      <p class="small muted hint">
        In OBS: Tools → WebSocket Server Settings → Enable WebSocket server; Show Connect Info gives the
        address and password.
      </p>
      <div class="field">
        <label class="label" for={`${id}-url`}>
          OBS address
        </label>
        <input
          id={`${id}-url`}
          value={form.obsUrl}
          spellcheck={false}
          onInput={(event) => onChange({ obsUrl: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="label" for={`${id}-password`}>
          OBS password
        </label>
        <SecretInput
          id={`${id}-password`}
          what="OBS password"
          value={form.obsPassword}
          onInput={(obsPassword) => onChange({ obsPassword })}
        />
      </div>
      <div class="row obs-test">
        <button
          type="button"
          disabled={obsTest.busy}
          onClick={() => obsTest.run({ url: form.obsUrl, password: form.obsPassword })}
        >
          Test OBS connection
        </button>
      </div>
      <ObsResultLine busy={obsTest.busy} result={obsTest.result} />
      <SceneField value={form.scene} onChange={(scene) => onChange({ scene })} scenes={obsTest.scenes} />
    </section>
  );
}
