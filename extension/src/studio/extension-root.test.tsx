import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { FakeTwitch } from '../testing/fake-twitch.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { ExtensionRoot } from './extension-root.js';
import { useStudio } from './studio-context.js';

function Role() {
  const { capabilities: me, live } = useStudio();
  return (
    <p>
      role {me.role}, {live.state}
    </p>
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('<ExtensionRoot>', () => {
  it('says it belongs inside Twitch when there is no helper', () => {
    render(
      <ExtensionRoot ext={null} baseUrl="http://studio.test">
        <Role />
      </ExtensionRoot>,
    );
    expect(screen.getByText('Open this inside Twitch')).toBeTruthy();
  });

  it('waits for Twitch, then for the server, then shows the view with the caller’s role and a live stream', async () => {
    const server = new FakeServer();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.on('GET /api/v1/me', async () => {
      await answered;
      return { json: capabilities('viewer') };
    });
    const twitch = new FakeTwitch();
    render(
      <ExtensionRoot ext={twitch} baseUrl={server.baseUrl} fetch={server.fetch}>
        <Role />
      </ExtensionRoot>,
    );
    expect(screen.getByText('Waiting for Twitch…')).toBeTruthy();
    expect(server.calls).toEqual([]);
    twitch.authorize();
    await screen.findByText('Connecting to Streamer Studio…');
    answer();
    await screen.findByText('role viewer, live');
  });

  it('sends Twitch’s newest JWT as the bearer on every call', async () => {
    let api: ReturnType<typeof useStudio>['api'] | undefined;
    function Grab() {
      api = useStudio().api;
      return <Role />;
    }
    const { server, twitch } = renderView(<Grab />, { me: capabilities('viewer') });
    await screen.findByText('role viewer, live');
    expect(server.callsTo('GET', '/api/v1/me')[0]?.token).toBe('jwt-1');
    expect(server.callsTo('GET', '/api/v1/events')[0]?.token).toBe('jwt-1');
    twitch.authorize('jwt-2');
    await api!.me();
    expect(server.callsTo('GET', '/api/v1/me').at(-1)?.token).toBe('jwt-2');
  });

  it('shows a calm state while the server is unreachable, and recovers by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = new FakeServer();
    let up = false;
    server.on('GET /api/v1/me', () => {
      if (!up) throw new TypeError('fetch failed');
      return { json: capabilities('broadcaster') };
    });
    const twitch = new FakeTwitch();
    render(
      <ExtensionRoot ext={twitch} baseUrl={server.baseUrl} fetch={server.fetch}>
        <Role />
      </ExtensionRoot>,
    );
    twitch.authorize();
    await screen.findByText('Streamer Studio is unreachable');
    up = true;
    await vi.advanceTimersByTimeAsync(3000);
    await screen.findByText('role broadcaster, live');
  });

  it('waits for a fresh token when the server refuses the one it has', async () => {
    const server = new FakeServer();
    server.on('GET /api/v1/me', ({ token }) =>
      token === 'expired'
        ? apiError(401, 'UNAUTHORIZED', 'the extension token has expired')
        : { json: capabilities('moderator') },
    );
    const twitch = new FakeTwitch();
    render(
      <ExtensionRoot ext={twitch} baseUrl={server.baseUrl} fetch={server.fetch}>
        <Role />
      </ExtensionRoot>,
    );
    twitch.authorize('expired');
    await screen.findByText('Twitch sign-in was not accepted');
    twitch.authorize('fresh');
    await screen.findByText('role moderator, live');
  });

  it('follows Twitch’s theme', async () => {
    const { twitch } = renderView(<Role />);
    await screen.findByText(/role broadcaster/);
    twitch.theme('light');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    twitch.theme('dark');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });
});
