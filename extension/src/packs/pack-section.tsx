import { ErrorLine } from '../ui/error-line.js';
import { errorText } from '../ui/error-text.js';
import { PackForm } from './pack-form.js';
import { PackView } from './pack-view.js';
import { usePack } from './use-pack.js';
import './packs.css';

/** The dashboard's brand pack: start one, and watch the newest fill in, piece by piece. */
export function PackSection() {
  const packs = usePack();
  const running = packs.pack?.status === 'running';
  return (
    <section aria-labelledby="dashboard-pack">
      <h2 id="dashboard-pack">Brand pack</h2>
      {!running && <PackForm busy={packs.busy} onStart={packs.start} />}
      {/* Quiet, as the jobs' history is: the button works whether or not the last pack could be read. */}
      {packs.loadError !== null && <p class="small muted">{errorText(packs.loadError)}</p>}
      <ErrorLine error={packs.error} class="pack-error" />
      {packs.pack && <PackView pack={packs.pack} busy={packs.busy} onCancel={packs.cancel} />}
    </section>
  );
}
