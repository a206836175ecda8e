import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../../client/index.js';
import { FakeServer } from '../testing/fake-server.js';
import { asset, capabilities, job } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { Panel } from './panel.js';

afterEach(cleanup);

/**
 * The panel for `me` on channel `chan-7`, with one public asset in the gallery whichever route it
 * is read from; `reads` are the gallery's requests, each with the token it carried.
 */
async function panelFor(me: Capabilities) {
  const server = new FakeServer();
  const page = { json: { items: [asset({ visibility: 'public' })], nextCursor: null } };
  server.on('GET /api/v1/assets', page);
  server.on('GET /public/v1/channels/:channelId/assets', page);
  server.on('GET /api/v1/brand-kits', { json: { items: [] } });
  server.on('GET /api/v1/jobs', { json: { items: [], nextCursor: null } });
  renderView(<Panel />, { server, me, channelId: 'chan-7' });
  await screen.findByRole('list', { name: 'Gallery' });
  const reads = () =>
    server.calls
      .filter((call) => call.path.endsWith('/assets'))
      .map((call) => `${call.path}${call.search} ${call.token ?? '(no token)'}`);
  return { server, reads };
}

describe('<Panel>', () => {
  it('shows a viewer the channel’s public gallery, read without a token, and nothing to make', async () => {
    const { server, reads } = await panelFor(capabilities('viewer'));
    expect(reads()).toEqual(['/public/v1/channels/chan-7/assets?limit=24 (no token)']);
    expect(screen.queryByRole('button', { name: 'Make something' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    expect(server.calls.map((call) => call.path)).not.toContain('/api/v1/brand-kits');
  });

  it('gives the broadcaster the generate form behind "Make something", above the public gallery', async () => {
    const { reads } = await panelFor(capabilities('broadcaster'));
    // Through the API with the JWT, never from a cache: what they just published shows at once.
    expect(reads()).toEqual(['/api/v1/assets?visibility=public&limit=24 jwt-1']);
    const toggle = screen.getByRole('button', { name: 'Make something' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    fireEvent.click(toggle);
    await screen.findByRole('button', { name: 'Generate' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull());
  });

  it('gives a moderator the form only when the channel lets moderators generate', async () => {
    const { reads } = await panelFor(capabilities('moderator', { moderatorGenerates: true }));
    expect(reads()).toEqual(['/api/v1/assets?visibility=public&limit=24 jwt-1']);
    fireEvent.click(screen.getByRole('button', { name: 'Make something' }));
    await screen.findByRole('button', { name: 'Generate' });
    cleanup();
    await panelFor(capabilities('moderator'));
    expect(screen.queryByRole('button', { name: 'Make something' })).toBeNull();
  });

  it('lists the job the broadcaster queued from the panel, and follows it live', async () => {
    const { server } = await panelFor(capabilities('broadcaster'));
    const queued = job({ prompt: 'a sleepy fox' });
    server.on('POST /api/v1/generate', { status: 202, json: queued });
    fireEvent.click(screen.getByRole('button', { name: 'Make something' }));
    fireEvent.input(await screen.findByLabelText('Prompt'), { target: { value: 'a sleepy fox' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const jobs = await screen.findByRole('list', { name: 'Jobs' });
    await waitFor(() => expect(jobs.textContent).toContain('a sleepy fox'));
    expect(jobs.textContent).toContain('Queued');
    server.push('job.progress', { ...queued, status: 'processing', progress: 40 });
    await waitFor(() => expect(jobs.textContent).toContain('40%'));
  });
});
