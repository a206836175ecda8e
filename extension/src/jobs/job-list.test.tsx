import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../client/index.js';
import { GenerateForm } from '../generate/generate-form.js';
import { FakeServer } from '../testing/fake-server.js';
import { asset, capabilities, job } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { JobList } from './job-list.js';
import { useJobs } from './use-jobs.js';

afterEach(cleanup);

function Jobs() {
  const jobs = useJobs();
  return (
    <>
      <GenerateForm onQueued={jobs.track} />
      <JobList jobs={jobs.jobs} onJob={jobs.track} />
    </>
  );
}

const at = (second: number) => `2026-12-01T18:31:${String(second).padStart(2, '0')}.000Z`;

function server(recent: Job[] = []) {
  return new FakeServer()
    .on('GET /api/v1/jobs', { json: { items: recent } })
    .on('GET /api/v1/brand-kits', { json: { items: [] } });
}

async function item(id: string) {
  const element = await waitFor(() => {
    const found = document.querySelector(`li[data-job-id="${id}"]`);
    if (!(found instanceof HTMLElement)) throw new Error(`no job ${id} yet`);
    return found;
  });
  return within(element);
}

async function streaming(fake: FakeServer) {
  await waitFor(() => expect(fake.openStreams).toBe(1));
}

describe('<JobList> with useJobs', () => {
  it('shows the channel’s recent jobs with their status words', async () => {
    const done = job({ status: 'completed', progress: 100, prompt: 'a crown', createdAt: at(1) });
    const failed = job({ status: 'failed', prompt: 'a sword', errorCode: 'NO_IMAGE', createdAt: at(2) });
    const fake = server([failed, done]).on('GET /api/v1/jobs/:id/assets', { json: { items: [] } });
    renderView(<Jobs />, { server: fake });
    const list = await screen.findByRole('list', { name: 'Jobs' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((li) => li.dataset.jobId),
      ).toEqual([failed.id, done.id]),
    );
    expect((await item(done.id)).getByText('Done')).toBeTruthy();
    expect((await item(failed.id)).getByText('Failed')).toBeTruthy();
    expect(fake.callsTo('GET', '/api/v1/jobs')).toHaveLength(1);
  });

  it('follows a queued job through progress to done, then shows its asset', async () => {
    const queued = job({ prompt: 'a cat in sunglasses', updatedAt: at(0) });
    const made = asset({ jobId: queued.id });
    const fake = server()
      .on('POST /api/v1/generate', { status: 202, json: queued })
      .on('GET /api/v1/jobs/:id/assets', { json: { items: [made] } });
    renderView(<Jobs />, { server: fake });
    await streaming(fake);
    fireEvent.input(await screen.findByRole('textbox', { name: 'Prompt' }), {
      target: { value: 'a cat in sunglasses' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const view = await item(queued.id);
    expect(view.getByText('Queued')).toBeTruthy();
    expect(view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');

    fake.push('job.progress', { ...queued, status: 'processing', progress: 40, updatedAt: at(2) });
    await view.findByText('Processing');
    expect(view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    // The status word stands apart in the row's text, for anything that reads it as text.
    const row = () => document.querySelector(`li[data-job-id="${queued.id}"]`)?.textContent;
    expect(row()).toMatch(/^Processing\b/);
    // A late echo of an earlier state does not move the job backwards (the other job marks its arrival).
    const other = job({ createdAt: at(9) });
    fake.push('job.queued', { ...queued, updatedAt: at(1) });
    fake.push('job.queued', other);
    await item(other.id);
    expect(view.getByText('Processing')).toBeTruthy();
    expect(view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    fake.push('job.completed', { ...queued, status: 'completed', progress: 100, updatedAt: at(4) });
    await view.findByText('Done');
    expect(row()).toMatch(/^Done\b/);
    await waitFor(() => expect(document.querySelector(`[data-asset-id="${made.id}"]`)).not.toBeNull());
    expect(view.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('keeps what the events said when the recent jobs answer late with older states', async () => {
    const running = job({ status: 'processing', progress: 30, updatedAt: at(1) });
    const other = job({ createdAt: at(0) });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const fake = server().on('GET /api/v1/jobs', async () => {
      await answered;
      return { json: { items: [running, other] } };
    });
    renderView(<Jobs />, { server: fake });
    await streaming(fake);
    fake.push('job.progress', { ...running, progress: 70, updatedAt: at(2) });
    const view = await item(running.id);
    await waitFor(() => expect(view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('70'));
    answer();
    await item(other.id);
    expect(view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('70');
  });

  it('tells why a job failed in words, and Try again queues the same request as a new job', async () => {
    const first = job({
      assetType: 'sub_badge',
      prompt: 'a bloody sword',
      status: 'processing',
      createdAt: at(1),
    });
    const second = job({ assetType: 'sub_badge', prompt: 'a bloody sword', createdAt: at(5) });
    const keys: (string | null)[] = [];
    const fake = server([first]).on('POST /api/v1/generate', ({ request }) => {
      keys.push(request.headers.get('idempotency-key'));
      return { status: 202, json: second };
    });
    renderView(<Jobs />, { server: fake });
    const view = await item(first.id);
    await streaming(fake);
    fake.push('job.failed', {
      ...first,
      status: 'failed',
      errorCode: 'CONTENT_POLICY',
      errorMessage: 'blocked: SAFETY',
      updatedAt: at(3),
    });
    await view.findByText('Failed');
    expect(view.getByText("Gemini's safety filters declined this description: reword it.")).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'Try again' }));
    await item(second.id);
    expect(fake.callsTo('POST', '/api/v1/generate').map((call) => call.body)).toEqual([
      { assetType: 'sub_badge', prompt: 'a bloody sword' },
    ]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('falls back to the server’s message for a code it does not know', async () => {
    const odd = job({ status: 'failed', errorCode: 'SOMETHING_NEW', errorMessage: 'the moon is in the way' });
    renderView(<Jobs />, { server: server([odd]) });
    expect((await item(odd.id)).getByText('the moon is in the way')).toBeTruthy();
  });

  it('cancels a running job', async () => {
    const running = job({ status: 'processing', progress: 20, updatedAt: at(1) });
    const fake = server([running]).on('POST /api/v1/jobs/:id/cancel', {
      json: { ...running, status: 'cancelled', updatedAt: at(2) },
    });
    renderView(<Jobs />, { server: fake });
    const view = await item(running.id);
    fireEvent.click(view.getByRole('button', { name: 'Cancel' }));
    await view.findByText('Cancelled');
    expect(fake.callsTo('POST', `/api/v1/jobs/${running.id}/cancel`)).toHaveLength(1);
    expect(view.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('offers no Try again to a moderator the channel does not let generate', async () => {
    const failed = job({ status: 'failed', errorCode: 'NO_IMAGE' });
    renderView(<JobsWithoutForm />, { server: server([failed]), me: capabilities('moderator') });
    const view = await item(failed.id);
    expect(view.getByText(/without a usable image/)).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});

function JobsWithoutForm() {
  const jobs = useJobs();
  return <JobList jobs={jobs.jobs} onJob={jobs.track} />;
}
