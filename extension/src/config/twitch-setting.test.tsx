import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { TwitchSetting } from './twitch-setting.js';

const section = async () =>
  within(await screen.findByRole('region', { name: 'Twitch chat and channel points' }));

/** The tabs the view opened, as `window.open` gave them back. */
let tabs: { url: string; opener: unknown; location: { href: string }; closed: boolean; close(): void }[];
const realOpen = window.open;
beforeEach(() => {
  tabs = [];
  window.open = ((url?: string | URL) => {
    const tab = {
      url: String(url),
      opener: window as unknown,
      location: { href: String(url) },
      closed: false,
      close() {
        tab.closed = true;
      },
    };
    tabs.push(tab);
    return tab as unknown as Window;
  }) as typeof window.open;
});
afterEach(() => {
  window.open = realOpen;
  cleanup();
});

describe('<TwitchSetting>', () => {
  it('opens Twitch’s page in a tab cut off from this one, and shows the connection once the page has the focus again', async () => {
    let connected = false;
    const server = new FakeServer()
      .on('GET /api/v1/twitch/connection', () => ({
        json: connected ? { status: 'connected', login: 'cozycat', scopes: [] } : { status: 'not_connected' },
      }))
      .on('POST /api/v1/twitch/connect', {
        json: {
          url: 'https://id.twitch.tv/oauth2/authorize?state=s',
          loginUrl: 'http://studio.test/auth/twitch/login?state=s',
        },
      });
    renderView(<TwitchSetting canConnect canDisconnect />, { server });
    const view = await section();
    await view.findByText('Not connected.');
    fireEvent.click(view.getByRole('button', { name: 'Connect Twitch' }));
    await waitFor(() => expect(tabs[0]?.location.href).toBe('http://studio.test/auth/twitch/login?state=s'));
    expect(tabs[0]?.url).toBe('about:blank');
    expect(tabs[0]?.opener).toBeNull();
    connected = true;
    fireEvent.focus(window);
    await view.findByText('Connected as cozycat.');
    expect(view.queryByRole('button', { name: 'Connect Twitch' })).toBeNull();
  });

  it('says why it cannot connect and closes the tab it opened', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/twitch/connection', { json: { status: 'not_connected' } })
      .on(
        'POST /api/v1/twitch/connect',
        apiError(409, 'TWITCH_NOT_CONFIGURED', 'set TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET on the server'),
      );
    renderView(<TwitchSetting canConnect canDisconnect />, { server });
    const view = await section();
    fireEvent.click(await view.findByRole('button', { name: 'Connect Twitch' }));
    expect((await view.findByRole('alert')).textContent).toMatch(/TWITCH_CLIENT_ID/);
    expect(tabs[0]?.closed).toBe(true);
  });

  it('shows why a connection broke, offers to reconnect, and forgets it on Disconnect', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/twitch/connection', {
        json: { status: 'broken', login: 'cozycat', reason: 'Invalid refresh token' },
      })
      .on('DELETE /api/v1/twitch/connection', { json: { status: 'not_connected' } });
    renderView(<TwitchSetting canConnect canDisconnect />, { server });
    const view = await section();
    await view.findByText(/The connection broke: Invalid refresh token/);
    expect(view.getByRole('button', { name: 'Reconnect Twitch' })).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'Disconnect' }));
    await view.findByText('Not connected.');
    expect(server.callsTo('DELETE', '/api/v1/twitch/connection')).toHaveLength(1);
  });

  it('shows a moderator the connection and nothing to press', async () => {
    const server = new FakeServer().on('GET /api/v1/twitch/connection', {
      json: { status: 'connected', login: 'cozycat' },
    });
    renderView(<TwitchSetting canConnect={false} canDisconnect={false} />, {
      server,
      me: capabilities('moderator'),
    });
    const view = await section();
    await view.findByText('Connected as cozycat.');
    expect(view.queryAllByRole('button')).toEqual([]);
  });
});
