import { Gallery } from '../gallery/gallery.js';
import { useStudio } from '../studio/studio-context.js';
import { PanelMaker } from './panel-maker.js';

/** The channel page panel: the public gallery for viewers, plus the generate form for those allowed. */
export function Panel() {
  const { capabilities } = useStudio();
  return (
    <main class="view">
      {capabilities.permissions['job.create'] && <PanelMaker />}
      {/* Everyone sees what viewers see here; private assets are curated in the dashboard. */}
      <Gallery visibility="public" />
    </main>
  );
}
