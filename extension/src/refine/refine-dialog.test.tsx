import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../client/index.js';
import { MAX_USER_TEXT } from '../../../server/prompts/sanitize-user-text.js';
import { AssetCard } from '../curate/asset-card.js';
import { Dashboard } from '../dashboard/dashboard.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { asset, capabilities, job } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';

afterEach(cleanup);

/** A dashboard whose one recent asset is `first`, its version line `line`. */
function dashboard(first: Asset, line: readonly Asset[] = [first]) {
  return new FakeServer()
    .on('GET /api/v1/jobs', { json: { items: [], nextCursor: null } })
    .on('GET /api/v1/brand-kits', { json: { items: [] } })
    .on('GET /api/v1/assets', { json: { items: [first], nextCursor: null } })
    .on('GET /api/v1/assets/:id/versions', { json: { items: line } });
}

async function openRefine() {
  const recent = await screen.findByRole('list', { name: 'Recent assets' });
  await waitFor(() => expect(within(recent).getAllByRole('article')).toHaveLength(1));
  fireEvent.click(within(recent).getByRole('button', { name: 'Refine' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Refine Emote' }));
  await waitFor(() => expect(dialog.getByRole('button', { name: 'Version 1' })).toBeTruthy());
  return dialog;
}

const versionIds = () =>
  [...document.querySelectorAll<HTMLElement>('[data-version-id]')].map((li) => li.dataset.versionId);
const shownCard = () => document.querySelector<HTMLElement>('dialog [data-asset-id]')?.dataset.assetId;

describe('refining from the dashboard', () => {
  it('queues the instruction for the version shown, follows the job and opens the new version in the line', async () => {
    const first = asset();
    const queued = job({ prompt: 'make the sunglasses pink', parentAssetId: first.id });
    const fake = dashboard(first).on('POST /api/v1/assets/:id/refine', { status: 202, json: queued });
    renderView(<Dashboard />, { server: fake });
    const dialog = await openRefine();
    expect(versionIds()).toEqual([first.id]);
    expect(shownCard()).toBe(first.id);

    const refine = dialog.getByRole('button', { name: 'Refine' });
    expect((refine as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(dialog.getByRole('textbox', { name: 'Instruction' }), {
      target: { value: 'make the sunglasses pink' },
    });
    expect((refine as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(refine);

    await waitFor(() => expect(fake.callsTo('POST', `/api/v1/assets/${first.id}/refine`)).toHaveLength(1));
    const call = fake.callsTo('POST', `/api/v1/assets/${first.id}/refine`)[0]!;
    expect(call.body).toEqual({ instruction: 'make the sunglasses pink' });
    expect(call.headers).toContain('idempotency-key');
    await waitFor(() =>
      expect((dialog.getByRole('textbox', { name: 'Instruction' }) as HTMLTextAreaElement).value).toBe(''),
    );
    expect(dialog.getByText('Queued')).toBeTruthy();

    await waitFor(() => expect(fake.openStreams).toBe(1));
    fake.push('job.progress', {
      ...queued,
      status: 'processing',
      progress: 40,
      updatedAt: '2026-12-01T18:31:00.000Z',
    });
    await dialog.findByText('40%');
    expect(dialog.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    const refined = asset({ jobId: queued.id, parentAssetId: first.id });
    fake.push('asset.created', refined);
    fake.push('job.completed', {
      ...queued,
      status: 'completed',
      progress: 100,
      updatedAt: '2026-12-01T18:32:00.000Z',
    });
    await waitFor(() => expect(versionIds()).toEqual([first.id, refined.id]));
    await waitFor(() => expect(shownCard()).toBe(refined.id));
    expect(dialog.getByRole('button', { name: 'Version 2' }).getAttribute('aria-current')).toBe('true');
    expect(dialog.getByText('Done')).toBeTruthy();
    expect(dialog.queryByRole('progressbar')).toBeNull();
  });

  it('opens the version clicked in the line, and refines that one', async () => {
    const first = asset();
    const second = asset({ parentAssetId: first.id });
    const fake = dashboard(second, [first, second]).on('POST /api/v1/assets/:id/refine', {
      status: 202,
      json: job({ parentAssetId: first.id }),
    });
    renderView(<Dashboard />, { server: fake });
    const dialog = await openRefine();
    expect(versionIds()).toEqual([first.id, second.id]);
    expect(dialog.getByRole('button', { name: 'Version 2' }).getAttribute('aria-current')).toBe('true');
    fireEvent.click(dialog.getByRole('button', { name: 'Version 1' }));
    await waitFor(() => expect(shownCard()).toBe(first.id));
    expect(dialog.getByRole('button', { name: 'Version 1' }).getAttribute('aria-current')).toBe('true');
    expect(dialog.getByRole('button', { name: 'Version 2' }).getAttribute('aria-current')).toBeNull();

    fireEvent.input(dialog.getByRole('textbox', { name: 'Instruction' }), {
      target: { value: 'add a tiny crown' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Refine' }));
    await waitFor(() => expect(fake.callsTo('POST', `/api/v1/assets/${first.id}/refine`)).toHaveLength(1));
  });

  it('keeps Refine off for an instruction the server would refuse as too long', async () => {
    const first = asset();
    renderView(<Dashboard />, { server: dashboard(first) });
    const dialog = await openRefine();
    fireEvent.input(dialog.getByRole('textbox', { name: 'Instruction' }), {
      target: { value: 'pink '.repeat(MAX_USER_TEXT) },
    });
    expect((dialog.getByRole('button', { name: 'Refine' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(dialog.getByRole('textbox', { name: 'Instruction' }), { target: { value: '   ' } });
    expect((dialog.getByRole('button', { name: 'Refine' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the server’s reason when it refuses the refinement', async () => {
    const first = asset();
    const fake = dashboard(first).on(
      'POST /api/v1/assets/:id/refine',
      apiError(409, 'SOURCE_MISSING', 'this asset was made before source images were kept'),
    );
    renderView(<Dashboard />, { server: fake });
    const dialog = await openRefine();
    fireEvent.input(dialog.getByRole('textbox', { name: 'Instruction' }), {
      target: { value: 'make it blue' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Refine' }));
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'this asset was made before source images were kept',
    );
    expect((dialog.getByRole('textbox', { name: 'Instruction' }) as HTMLTextAreaElement).value).toBe(
      'make it blue',
    );
  });

  it('drops a version deleted elsewhere from the line and closes with Close', async () => {
    const first = asset();
    const second = asset({ parentAssetId: first.id });
    const fake = dashboard(first, [first, second]);
    renderView(<Dashboard />, { server: fake });
    const dialog = await openRefine();
    await waitFor(() => expect(fake.openStreams).toBe(1));
    fake.push('asset.deleted', { id: second.id });
    await waitFor(() => expect(versionIds()).toEqual([first.id]));
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers no Refine to a moderator the channel does not let generate', async () => {
    const first = asset();
    renderView(<Dashboard />, { server: dashboard(first), me: capabilities('moderator') });
    const recent = await screen.findByRole('list', { name: 'Recent assets' });
    await waitFor(() => expect(within(recent).getAllByRole('article')).toHaveLength(1));
    expect(within(recent).queryByRole('button', { name: 'Refine' })).toBeNull();
  });

  it('offers no Refine on a card outside the dashboard (the panel ships none of it)', async () => {
    const emote = asset();
    renderView(<AssetCard asset={emote} />);
    await waitFor(() => expect(document.querySelector(`[data-asset-id="${emote.id}"]`)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refine' })).toBeNull();
  });
});
