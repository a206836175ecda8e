import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '../../../server/chat/chat-command-settings.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { ConfigView } from './config-view.js';

afterEach(cleanup);

const MODERATORS = 'Moderators may generate from the panel';

function serverWith(allowModeratorGenerate: boolean) {
  const server = new FakeServer();
  server.on('GET /api/v1/twitch/connection', { json: { status: 'not_connected' } });
  server.on('GET /api/v1/brand-kits', { json: { items: [] } });
  server.on('GET /api/v1/chat/settings', { json: DEFAULT_CHAT_SETTINGS });
  server.on('GET /api/v1/twitch/rewards', { json: { items: [] } });
  server.on('GET /api/v1/channel', {
    json: {
      id: 'local',
      displayName: 'local',
      allowModeratorGenerate,
      createdAt: '2026-12-01T18:30:00.000Z',
    },
  });
  return server;
}

describe('the configuration view', () => {
  it('saves who may generate as soon as it is toggled, then asks again what the caller may do', async () => {
    const server = serverWith(false);
    server.on('PUT /api/v1/channel', ({ body }) => ({
      json: { id: 'local', displayName: 'local', createdAt: '2026-12-01T18:30:00.000Z', ...(body as object) },
    }));
    renderView(<ConfigView />, { server });
    const box = (await screen.findByLabelText(MODERATORS)) as HTMLInputElement;
    expect(box.checked).toBe(false);
    const asked = server.callsTo('GET', '/api/v1/me').length;

    fireEvent.click(box);
    await screen.findByText('Saved', { selector: '[role="status"]' });

    expect(server.callsTo('PUT', '/api/v1/channel').map((call) => call.body)).toEqual([
      { allowModeratorGenerate: true },
    ]);
    expect(box.checked).toBe(true);
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/me').length).toBe(asked + 1));
  });

  it('puts the setting back and says why when the change is refused', async () => {
    const server = serverWith(true);
    server.on('PUT /api/v1/channel', apiError(403, 'FORBIDDEN', 'only the broadcaster may do this'));
    renderView(<ConfigView />, { server });
    const box = (await screen.findByLabelText(MODERATORS)) as HTMLInputElement;

    fireEvent.click(box);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not allowed: only the broadcaster may do this.',
    );
    expect(box.checked).toBe(true);
    expect(screen.queryByText('Saved')).toBeNull();
  });

  it('shows a moderator both settings read-only, with nothing to save', async () => {
    renderView(<ConfigView />, { server: serverWith(true), me: capabilities('moderator') });
    await screen.findByText('Read only');
    const box = (await screen.findByLabelText(MODERATORS)) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save brand kit' })).toBeNull();
  });

  it('has the chat commands and the channel-point rewards, which say to connect Twitch first', async () => {
    renderView(<ConfigView />, { server: serverWith(false) });
    await screen.findByRole('region', { name: 'Chat commands' });
    await screen.findByLabelText('Who may use it');
    await screen.findByRole('region', { name: 'Channel-point rewards' });
    await screen.findByText(/connect Twitch above first/);
  });

  it('tells a viewer the page is the broadcaster’s, and asks the server for nothing of it', async () => {
    const server = serverWith(false);
    renderView(<ConfigView />, { server, me: capabilities('viewer') });
    await screen.findByText('This page is for the broadcaster');
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(screen.queryByLabelText(MODERATORS)).toBeNull();
    expect(server.callsTo('GET', '/api/v1/brand-kits')).toEqual([]);
    expect(server.callsTo('GET', '/api/v1/channel')).toEqual([]);
    expect(server.callsTo('GET', '/api/v1/chat/settings')).toEqual([]);
    expect(server.callsTo('GET', '/api/v1/twitch/rewards')).toEqual([]);
  });

  it('offers to try again when the kits could not be loaded', async () => {
    const server = serverWith(false);
    server.on('GET /api/v1/brand-kits', apiError(503, 'UNAVAILABLE', 'the database is starting'));
    renderView(<ConfigView />, { server });
    await screen.findByText('The brand kits could not be loaded');
    server.on('GET /api/v1/brand-kits', { json: { items: [] } });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByLabelText('Name');
  });
});
