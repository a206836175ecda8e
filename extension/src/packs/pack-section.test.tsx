import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Pack } from '../../../client/index.js';
import { Dashboard } from '../dashboard/dashboard.js';
import { FakeServer } from '../testing/fake-server.js';
import { asset, capabilities, job } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';

afterEach(cleanup);

const NOW = '2026-12-01T18:30:00.000Z';

/** A pack of three pieces, the lead queued, the rest planned (as POST /packs answers). */
function pack(overrides: Partial<Pack> = {}): Pack {
  return {
    id: 'pack-1',
    status: 'running',
    brandKitId: null,
    visibility: 'private',
    subjects: ['laughing'],
    createdAt: NOW,
    updatedAt: NOW,
    pieces: [
      {
        key: 'profile_picture',
        assetType: 'profile_picture',
        title: 'Profile picture',
        status: 'queued',
        jobId: 'job-lead',
        progress: 0,
      },
      { key: 'panel_about', assetType: 'panel', title: 'Panel: About', status: 'planned' },
      { key: 'emote_1', assetType: 'emote', title: 'Emote: laughing', status: 'planned' },
    ],
    ...overrides,
  };
}

function server(packs: Pack[] = []) {
  return new FakeServer()
    .on('GET /api/v1/jobs', { json: { items: [], nextCursor: null } })
    .on('GET /api/v1/brand-kits', { json: { items: [] } })
    .on('GET /api/v1/assets', { json: { items: [], nextCursor: null } })
    .on('GET /api/v1/packs', { json: { items: packs, nextCursor: null } });
}

const pieces = () =>
  [...document.querySelectorAll<HTMLElement>('[data-piece-key]')].map(
    (li) => `${li.dataset.pieceKey} ${li.dataset.status}`,
  );
const section = async () => within(await screen.findByRole('region', { name: 'Brand pack' }));

describe('the dashboard’s brand pack', () => {
  it('starts a pack with the subjects typed and fills its pieces in from the job events', async () => {
    let current = pack();
    const made = asset({
      assetType: 'profile_picture',
      files: [
        {
          width: 256,
          height: 256,
          bytes: 9,
          contentType: 'image/png',
          url: 'http://studio.test/files/private/pp.png?sig=x',
        },
      ],
    });
    const fake = server()
      .on('POST /api/v1/packs', () => ({ status: 202, json: current }))
      .on('GET /api/v1/packs/:id', () => ({ json: current }))
      .on('GET /api/v1/assets/:id', { json: made });
    renderView(<Dashboard />, { server: fake });
    const view = await section();
    fireEvent.input(view.getByLabelText('Emote subjects (optional)'), {
      target: { value: 'laughing, , hyped ' },
    });
    fireEvent.click(view.getByRole('button', { name: 'Brand pack' }));
    await waitFor(() =>
      expect(pieces()).toEqual(['profile_picture queued', 'panel_about planned', 'emote_1 planned']),
    );
    expect(fake.callsTo('POST', '/api/v1/packs')[0]?.body).toEqual({ subjects: ['laughing', 'hyped'] });
    expect(view.queryByRole('button', { name: 'Brand pack' })).toBeNull();
    expect(view.getByText('0 of 3 pieces made')).toBeTruthy();

    await waitFor(() => expect(fake.openStreams).toBe(1));
    const lead = job({
      id: 'job-lead',
      assetType: 'profile_picture',
      packId: 'pack-1',
      packPiece: 'profile_picture',
    });
    fake.push('job.progress', {
      ...lead,
      status: 'processing',
      progress: 60,
      updatedAt: '2026-12-01T18:31:00.000Z',
    });
    // Another pack's job, or one outside any pack, changes nothing.
    fake.push('job.progress', {
      ...job({ packId: 'pack-0', packPiece: 'panel_about' }),
      status: 'processing',
      progress: 10,
    });
    await waitFor(() =>
      expect(
        view.getByRole('progressbar', { name: 'Profile picture progress' }).getAttribute('aria-valuenow'),
      ).toBe('60'),
    );
    expect(pieces()).toEqual(['profile_picture processing', 'panel_about planned', 'emote_1 planned']);

    current = pack({
      pieces: [
        { ...current.pieces[0]!, status: 'completed', progress: 100, assetId: made.id },
        { ...current.pieces[1]!, status: 'queued', jobId: 'job-2', progress: 0 },
        current.pieces[2]!,
      ],
    });
    fake.push('job.completed', {
      ...lead,
      status: 'completed',
      progress: 100,
      updatedAt: '2026-12-01T18:32:00.000Z',
    });
    await waitFor(() =>
      expect(pieces()).toEqual(['profile_picture completed', 'panel_about queued', 'emote_1 planned']),
    );
    expect((await view.findByAltText('Profile picture')).getAttribute('src')).toBe(made.files[0]!.url);
    expect(view.getByText('1 of 3 pieces made')).toBeTruthy();
    expect(view.getByRole('link', { name: 'Download pack' })).toBeTruthy();
  });

  it('cancels a running pack and says the finished pieces are kept', async () => {
    const running = pack();
    const fake = server([running]).on('POST /api/v1/packs/:id/cancel', {
      json: pack({
        status: 'cancelled',
        pieces: running.pieces.map((p) => ({ ...p, status: 'cancelled' as const })),
      }),
    });
    renderView(<Dashboard />, { server: fake });
    const view = await section();
    fireEvent.click(await view.findByRole('button', { name: 'Cancel' }));
    await view.findByText('Cancelled; the finished pieces are kept.');
    expect(fake.callsTo('POST', '/api/v1/packs/pack-1/cancel')).toHaveLength(1);
    expect(view.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(view.getByRole('button', { name: 'Brand pack' })).toBeTruthy();
  });

  it('says a pack stopped out of budget, and downloads what it made in a new tab', async () => {
    const stopped = pack({
      status: 'stopped',
      stopCode: 'BUDGET_EXHAUSTED',
      stopMessage: 'stopped before Emote: laughing: the daily budget of 2 generations is used up',
      pieces: [
        { ...pack().pieces[0]!, status: 'completed', progress: 100, assetId: asset().id },
        { ...pack().pieces[1]!, status: 'completed', jobId: 'job-2', progress: 100, assetId: asset().id },
        pack().pieces[2]!,
      ],
    });
    const fake = server([stopped])
      .on('GET /api/v1/assets/:id', { json: asset() })
      .on('POST /api/v1/packs/:id/download-link', {
        json: {
          url: 'http://studio.test/packs/pack-1/download?sig=x',
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
        },
      });
    const open = window.open;
    const opened: unknown[][] = [];
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      renderView(<Dashboard />, { server: fake });
      const view = await section();
      expect((await view.findByText(/^Out of budget: stopped before Emote: laughing/)).textContent).toBe(
        'Out of budget: stopped before Emote: laughing: the daily budget of 2 generations is used up. The finished pieces are kept.',
      );
      expect(view.getByText('2 of 3 pieces made')).toBeTruthy();
      fireEvent.click(view.getByRole('link', { name: 'Download pack' }));
      await waitFor(() =>
        expect(opened).toEqual([['http://studio.test/packs/pack-1/download?sig=x', '_blank', 'noopener']]),
      );
    } finally {
      window.open = open;
    }
  });

  it('reads a running pack with nothing under way again until it moves: the stream says nothing of the pack itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const between = pack({
        pieces: pack().pieces.map((p) => ({ ...p, status: 'completed' as const, progress: 100 })),
      });
      let reads = 0;
      const fake = server([between]).on('GET /api/v1/packs/:id', () => {
        reads += 1;
        return { json: reads < 2 ? between : { ...between, status: 'completed' } };
      });
      renderView(<Dashboard />, { server: fake });
      const view = await section();
      await waitFor(() =>
        expect(document.querySelector('[data-pack-id]')?.getAttribute('data-status')).toBe('running'),
      );
      await vi.advanceTimersByTimeAsync(1000);
      await waitFor(() => expect(reads).toBe(1));
      await vi.advanceTimersByTimeAsync(2000);
      await waitFor(() =>
        expect(document.querySelector('[data-pack-id]')?.getAttribute('data-status')).toBe('completed'),
      );
      await vi.advanceTimersByTimeAsync(60_000);
      expect(reads).toBe(2);
      expect(view.getByText('Done', { selector: '.pack-head .job-status' })).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses more than six subjects before asking the server', async () => {
    const fake = server();
    renderView(<Dashboard />, { server: fake });
    const view = await section();
    fireEvent.input(view.getByLabelText('Emote subjects (optional)'), {
      target: { value: 'a, b, c, d, e, f, g' },
    });
    expect(view.getByText('At most 6 subjects.')).toBeTruthy();
    expect((view.getByRole('button', { name: 'Brand pack' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('is not offered to a moderator the channel does not let generate', async () => {
    renderView(<Dashboard />, { server: server(), me: capabilities('moderator') });
    await screen.findByText('Generating is up to the broadcaster');
    expect(screen.queryByRole('region', { name: 'Brand pack' })).toBeNull();
  });
});
