import { useState } from 'preact/hooks';
import type { Asset } from '../../../client/index.js';
import { AssetRefiner } from '../curate/asset-refiner.js';
import { GenerateForm } from '../generate/generate-form.js';
import { JobList } from '../jobs/job-list.js';
import { isActive } from '../jobs/status-word.js';
import { useJobs } from '../jobs/use-jobs.js';
import { PackSection } from '../packs/pack-section.js';
import { RefineDialog } from '../refine/refine-dialog.js';
import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';
import { GenerateOff } from './generate-off.js';
import { LiveHint } from './live-hint.js';
import { RecentAssets } from './recent-assets.js';
import './dashboard.css';

/** The broadcaster's Stream Manager dashboard (live_config): generate, follow, curate, refine. */
export function Dashboard() {
  const { capabilities } = useStudio();
  const canGenerate = capabilities.permissions['job.create'];
  const jobs = useJobs();
  const [refining, setRefining] = useState<Asset | null>(null);
  // From history, only what still needs the streamer: jobs under way and failures to try again.
  // Assets finished before the view opened are in Recent assets; those finished since, under their job.
  const shown = jobs.jobs.filter(
    (job) => isActive(job) || job.status === 'failed' || jobs.watched.has(job.id),
  );
  const shownWithJobs = new Set(shown.filter((job) => job.status === 'completed').map((job) => job.id));
  return (
    <AssetRefiner.Provider value={canGenerate ? setRefining : null}>
      <main class="view dashboard">
        <LiveHint />
        <section aria-labelledby="dashboard-new">
          <h2 id="dashboard-new">New asset</h2>
          {canGenerate ? <GenerateForm onQueued={jobs.track} /> : <GenerateOff />}
        </section>
        {canGenerate && <PackSection />}
        {(shown.length > 0 || jobs.error !== null) && (
          <section aria-labelledby="dashboard-jobs">
            <h2 id="dashboard-jobs">Jobs</h2>
            {jobs.error !== null && <p class="small muted">{errorText(jobs.error)}</p>}
            <JobList jobs={shown} onJob={jobs.track} />
          </section>
        )}
        <section aria-labelledby="dashboard-assets">
          <h2 id="dashboard-assets">Recent assets</h2>
          <RecentAssets
            shownWithJobs={shownWithJobs}
            emptyText={canGenerate ? 'No assets yet — describe one above' : 'No assets yet'}
          />
        </section>
        {refining && (
          <RefineDialog asset={refining} onClose={() => setRefining(null)} onQueued={jobs.track} />
        )}
      </main>
    </AssetRefiner.Provider>
  );
}
