import './panel.css';
import { useId, useState } from 'preact/hooks';
import { GenerateForm } from '../generate/generate-form.js';
import { JobList } from '../jobs/job-list.js';
import { useJobs } from '../jobs/use-jobs.js';

/** How many jobs the panel lists: the newest, so the gallery below stays within reach in 500 px. */
const SHOWN_JOBS = 5;

/**
 * The compact generate form and the jobs under way, behind a "Make something" toggle so the
 * gallery stays in view. Once opened it stays mounted while collapsed, keeping a half-written prompt.
 */
export function PanelMaker() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  // Only this session's jobs (queued here, or announced live): the dashboard keeps the history.
  const jobs = useJobs({ recent: 0 });
  const id = useId();
  const toggle = () => {
    setOpen(!open);
    setOpened(true);
  };
  return (
    <section class="panel-maker">
      <button
        type="button"
        class="panel-maker-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={toggle}
      >
        Make something
      </button>
      <div id={id} class="panel-maker-body" hidden={!open}>
        {opened && (
          <>
            <GenerateForm compact onQueued={jobs.track} />
            <JobList jobs={jobs.jobs.slice(0, SHOWN_JOBS)} onJob={jobs.track} />
          </>
        )}
      </div>
    </section>
  );
}
