import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { asset, capabilities, job } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { Dashboard } from './dashboard.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function server({ assets = [] as Asset[], nextCursor = null as string | null } = {}) {
  return new FakeServer()
    .on('GET /api/v1/jobs', { json: { items: [], nextCursor: null } })
    .on('GET /api/v1/brand-kits', { json: { items: [] } })
    .on('GET /api/v1/assets', { json: { items: assets, nextCursor } });
}

const cards = () =>
  [...document.querySelectorAll<HTMLElement>('[data-asset-id]')].map((el) => el.dataset.assetId);

describe('<Dashboard>', () => {
  it('shows the form and says it is loading the recent assets until they come', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const fake = server().on('GET /api/v1/assets', async () => {
      await answered;
      return { json: { items: [], nextCursor: null } };
    });
    renderView(<Dashboard />, { server: fake });
    expect(await screen.findByText('Loading recent assets…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Generate' })).toBeTruthy();
    answer();
    expect(await screen.findByText('No assets yet — describe one above')).toBeTruthy();
    expect(screen.queryByText('Loading recent assets…')).toBeNull();
  });

  it('lists the channel’s latest assets, adds new ones live and drops deleted ones', async () => {
    const older = asset();
    const fake = server({ assets: [older] });
    renderView(<Dashboard />, { server: fake });
    await waitFor(() => expect(cards()).toEqual([older.id]));
    expect(fake.callsTo('GET', '/api/v1/assets')).toHaveLength(1);
    await waitFor(() => expect(fake.openStreams).toBe(1));
    const created = asset();
    fake.push('asset.created', created);
    await waitFor(() => expect(cards()).toEqual([created.id, older.id]));
    fake.push('asset.deleted', { id: older.id });
    await waitFor(() => expect(cards()).toEqual([created.id]));
  });

  it('loads older assets with More while the server has a next page', async () => {
    const first = asset();
    const second = asset();
    const fake = server({ assets: [first], nextCursor: 'page-2' });
    fake.on('GET /api/v1/assets', ({ url }) =>
      url.searchParams.get('cursor') === 'page-2'
        ? { json: { items: [second], nextCursor: null } }
        : { json: { items: [first], nextCursor: 'page-2' } },
    );
    renderView(<Dashboard />, { server: fake });
    fireEvent.click(await screen.findByRole('button', { name: 'More' }));
    await waitFor(() => expect(cards()).toEqual([first.id, second.id]));
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
  });

  it('lists from history only jobs under way or failed, and shows each asset once', async () => {
    const finishedBefore = job({ status: 'completed', progress: 100, createdAt: '2026-12-01T18:00:00.000Z' });
    const failed = job({ status: 'failed', errorCode: 'NO_IMAGE', createdAt: '2026-12-01T18:10:00.000Z' });
    const running = job({ status: 'processing', progress: 50, createdAt: '2026-12-01T18:20:00.000Z' });
    const oldAsset = asset({ jobId: finishedBefore.id });
    const newAsset = asset({ jobId: running.id });
    const fake = server({ assets: [oldAsset] })
      .on('GET /api/v1/jobs', { json: { items: [running, failed, finishedBefore], nextCursor: null } })
      .on('GET /api/v1/jobs/:id/assets', { json: { items: [newAsset] } });
    renderView(<Dashboard />, { server: fake });
    const jobs = await screen.findByRole('list', { name: 'Jobs' });
    const listed = () =>
      within(jobs)
        .getAllByRole('listitem')
        .map((li) => li.dataset.jobId);
    expect(listed()).toEqual([running.id, failed.id]);
    await waitFor(() => expect(cards()).toEqual([oldAsset.id]));

    await waitFor(() => expect(fake.openStreams).toBe(1));
    fake.push('asset.created', newAsset);
    fake.push('job.completed', {
      ...running,
      status: 'completed',
      progress: 100,
      updatedAt: '2026-12-01T19:00:00.000Z',
    });
    const item = await waitFor(() => {
      const found = jobs.querySelector(`li[data-job-id="${running.id}"] [data-asset-id="${newAsset.id}"]`);
      if (!found) throw new Error('the finished job shows no asset yet');
      return found;
    });
    expect(item).toBeTruthy();
    const recent = screen.getByRole('list', { name: 'Recent assets' });
    expect(
      within(recent)
        .getAllByRole('article')
        .map((el) => el.dataset.assetId),
    ).toEqual([oldAsset.id]);
    expect(listed()).toEqual([running.id, failed.id]);
  });

  it('tells a moderator the broadcaster decides who generates, and shows no form', async () => {
    renderView(<Dashboard />, { server: server(), me: capabilities('moderator') });
    expect(await screen.findByText('Generating is up to the broadcaster')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Prompt' })).toBeNull();
    expect(await screen.findByText('No assets yet')).toBeTruthy();
  });

  it('gives a moderator the channel lets generate the form', async () => {
    renderView(<Dashboard />, {
      server: server(),
      me: capabilities('moderator', { moderatorGenerates: true }),
    });
    expect(await screen.findByRole('button', { name: 'Generate' })).toBeTruthy();
  });

  it('shows a generate refused by the server and queues nothing', async () => {
    const fake = server().on(
      'POST /api/v1/generate',
      apiError(403, 'FORBIDDEN', 'moderators may not generate on this channel'),
    );
    renderView(<Dashboard />, { server: fake });
    fireEvent.input(await screen.findByRole('textbox', { name: 'Prompt' }), { target: { value: 'a cat' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not allowed: moderators may not generate on this channel.',
    );
    expect(screen.queryByRole('list', { name: 'Jobs' })).toBeNull();
  });

  it('says when the recent assets could not be loaded', async () => {
    const fake = server().on('GET /api/v1/assets', apiError(500, 'INTERNAL_ERROR', 'the database is away'));
    renderView(<Dashboard />, { server: fake });
    expect(await screen.findByText('Recent assets could not be loaded')).toBeTruthy();
    expect(screen.getByText('the database is away')).toBeTruthy();
  });

  it('says live updates are paused while the event stream reconnects, and stops saying it once back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = server();
    renderView(<Dashboard />, { server: fake });
    await waitFor(() => expect(fake.openStreams).toBe(1));
    expect(screen.queryByText('Live updates paused — reconnecting')).toBeNull();
    fake.dropStreams();
    expect(await screen.findByText('Live updates paused — reconnecting')).toBeTruthy();
    // The client's first reconnect waits at most a second.
    await vi.advanceTimersByTimeAsync(1000);
    await waitFor(() => expect(screen.queryByText('Live updates paused — reconnecting')).toBeNull());
    expect(fake.openStreams).toBe(1);
  });
});
