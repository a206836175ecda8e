import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer } from '../../../extension/src/testing/fake-server.js';
import { capabilities } from '../../../extension/src/testing/fixtures.js';
import { OVERLAY_MANIFEST } from '../overlay-manifest.js';
import { parseOverlayConfig } from '../url/overlay-config.js';
import { FakeObsError, FakeObsSocket } from './fake-obs-socket.js';
import { defaultSetupForm, toOverlayConfig } from './setup-form.js';
import { SetupPage } from './setup-page.js';

afterEach(cleanup);
beforeAll(() => {
  // The preview's frame would load the overlay from a server these tests do not run; its src is
  // what they check. happy-dom logs each frame it does not load: only those lines are dropped.
  (
    window as unknown as { happyDOM: { settings: { disableIframePageLoading: boolean } } }
  ).happyDOM.settings.disableIframePageLoading = true;
  const log = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('Iframe page loading is disabled')) log(...args);
  });
});

function setup(
  options: { role?: 'viewer' | 'broadcaster'; obs?: FakeObsSocket; clipboard?: Clipboard } = {},
) {
  const server = new FakeServer().on('GET /api/v1/me', { json: capabilities(options.role ?? 'viewer') });
  const clipboard =
    options.clipboard ?? ({ writeText: vi.fn(async () => undefined) } as unknown as Clipboard);
  const obs =
    options.obs ?? new FakeObsSocket({ scenes: ['Gaming', 'Just chatting'], currentScene: 'Gaming' });
  render(
    <SetupPage
      origin={server.baseUrl}
      fetch={server.fetch}
      createObsSocket={() => obs.socket}
      clipboard={clipboard}
      previewDelayMs={0}
    />,
  );
  return { server, clipboard, obs };
}

const urlField = () => screen.getByLabelText<HTMLInputElement>('Overlay URL');
const overlayUrl = () => new URL(urlField().value);

function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
}

const pasteToken = (token = 'sst_viewer') => type(screen.getByLabelText('API token'), token);

describe('the overlay setup page', () => {
  it('makes a URL from the defaults that the overlay reads back as the same settings', () => {
    setup();
    pasteToken();
    const expected = toOverlayConfig({ ...defaultSetupForm(OVERLAY_MANIFEST), token: 'sst_viewer' });
    expect(parseOverlayConfig(overlayUrl(), OVERLAY_MANIFEST)).toEqual(expected);
    expect(overlayUrl().origin + overlayUrl().pathname).toBe('http://studio.test/overlay');
  });

  it('gives no URL until there is a token', () => {
    setup();
    expect(urlField().value).toBe('');
    expect(screen.getByText('Paste an API token above to get the URL.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Copy' }).disabled).toBe(true);
  });

  it('puts a slot’s changed seconds and box into the URL', () => {
    setup();
    pasteToken();
    const emote = within(screen.getByRole('group', { name: 'Emote' }));
    type(emote.getByLabelText('Seconds on screen'), '3');
    expect(overlayUrl().searchParams.get('emote.show')).toBe('3');
    type(emote.getByLabelText('Width'), '150');
    expect(overlayUrl().searchParams.get('emote.box')).toBe('1680,800,150,200');
    expect(overlayUrl().searchParams.has('alert.box')).toBe(false);
  });

  it('leaves out a slot that is unticked, and the status dot when it is off', () => {
    setup();
    pasteToken();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Alert' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show status dot' }));
    expect(overlayUrl().searchParams.get('slots')).toBe('emote,overlay,offline_screen');
    expect(overlayUrl().searchParams.get('status')).toBe('off');
  });

  it('confirms that a viewer-role API token is enough', async () => {
    const { server } = setup();
    pasteToken('sst_viewer');
    expect(
      await screen.findByText(/Viewer-role token for channel local\. A viewer-role API token is enough/),
    ).toBeTruthy();
    expect(server.callsTo('GET', '/api/v1/me').map((call) => call.token)).toEqual(['sst_viewer']);
  });

  it('warns that a broadcaster token works but is more than the overlay needs', async () => {
    setup({ role: 'broadcaster' });
    pasteToken('sst_broadcaster');
    expect(
      await screen.findByText(/This is a broadcaster token .* It works, but anyone who reads your OBS/),
    ).toBeTruthy();
  });

  it('warns that a sign-in token expires', async () => {
    setup();
    pasteToken('eyJhbGciOi.jwt.sig');
    expect(await screen.findByText(/sign-in token, not an API token/)).toBeTruthy();
  });

  it('keeps the answer for the token pasted last when an earlier check answers late', async () => {
    const { server } = setup();
    let answerFirst!: () => void;
    server.on('GET /api/v1/me', ({ token }) =>
      token === 'sst_first'
        ? new Promise((resolve) => {
            answerFirst = () => resolve({ json: capabilities('broadcaster') });
          })
        : { json: capabilities('viewer') },
    );
    pasteToken('sst_first');
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/me')).toHaveLength(1));
    pasteToken('sst_second');
    expect(await screen.findByText(/Viewer-role token/)).toBeTruthy();
    answerFirst();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText(/This is a broadcaster token/)).toBeNull();
    expect(screen.getByText(/Viewer-role token/)).toBeTruthy();
  });

  it('shows the server’s refusal of a bad token', async () => {
    const { server } = setup();
    server.on('GET /api/v1/me', apiError(401, 'UNAUTHORIZED', 'unknown or revoked API token'));
    pasteToken('sst_revoked');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Refused: the server does not accept this token/,
    );
  });

  it('lists OBS’s scenes into the Scene select after a successful test', async () => {
    const { obs } = setup();
    pasteToken();
    type(screen.getByLabelText('OBS password'), 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Test OBS connection' }));
    expect(await screen.findByText(/Connected to OBS 29\.0\.2/)).toBeTruthy();
    expect(obs.connects).toEqual([{ url: 'ws://127.0.0.1:4455', password: 'pw' }]);
    const scene = screen.getByLabelText<HTMLSelectElement>('Scene');
    const options = within(scene)
      .getAllByRole<HTMLOptionElement>('option')
      .map((option) => option.value);
    expect(options).toEqual(expect.arrayContaining(['Gaming', 'Just chatting']));
    fireEvent.change(scene, { target: { value: 'Just chatting' } });
    expect(overlayUrl().searchParams.get('scene')).toBe('Just chatting');
  });

  it('lets the streamer type a new scene name for the overlay to create', () => {
    setup();
    pasteToken();
    const scene = screen.getByLabelText<HTMLSelectElement>('Scene');
    fireEvent.change(scene, {
      target: { value: within(scene).getByText('Type a new name…').getAttribute('value') },
    });
    type(screen.getByLabelText('New scene name'), 'Overlay only');
    expect(overlayUrl().searchParams.get('scene')).toBe('Overlay only');
  });

  it('says so when OBS refuses the password', async () => {
    setup({ obs: new FakeObsSocket({ failure: new FakeObsError(4009, 'Authentication failed.') }) });
    type(screen.getByLabelText('OBS password'), 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Test OBS connection' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/OBS refused the password/);
  });

  it('says so when OBS is not running', async () => {
    setup({ obs: new FakeObsSocket({ failure: new FakeObsError(1006, '') }) });
    fireEvent.click(screen.getByRole('button', { name: 'Test OBS connection' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /OBS is not running at ws:\/\/127\.0\.0\.1:4455/,
    );
  });

  it('copies the exact URL', async () => {
    const { clipboard } = setup();
    pasteToken();
    type(screen.getByLabelText('OBS password'), 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied.')).toBeTruthy();
    expect(clipboard.writeText).toHaveBeenCalledWith(urlField().value);
    expect(urlField().value).toContain('#obs=ws%3A%2F%2F127.0.0.1%3A4455&password=pw');
  });

  it('selects the URL for copying by hand when the clipboard is refused', async () => {
    const refused = { writeText: vi.fn(async () => Promise.reject(new Error('NotAllowedError'))) };
    setup({ clipboard: refused as unknown as Clipboard });
    pasteToken();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/Selected: press Ctrl\+C/)).toBeTruthy();
    const field = urlField();
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
  });

  it('previews the overlay without its OBS part, and follows changes', async () => {
    setup();
    pasteToken();
    const frame = await screen.findByTitle<HTMLIFrameElement>('Overlay preview');
    expect(new URL(frame.src).hash).toBe('');
    expect(new URL(frame.src).searchParams.get('token')).toBe('sst_viewer');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show status dot' }));
    await waitFor(() => expect(new URL(frame.src).searchParams.get('status')).toBe('off'));
  });

  it('hides the token until asked to show it', () => {
    setup();
    const token = screen.getByLabelText<HTMLInputElement>('API token');
    expect(token.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show token' }));
    expect(token.type).toBe('text');
  });
});
