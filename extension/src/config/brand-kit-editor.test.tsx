import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrandKit } from '../../../client/index.js';
import { DEFAULT_CHAT_SETTINGS } from '../../../server/chat/chat-command-settings.js';
import { FakeServer } from '../testing/fake-server.js';
import { brandKit, capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { ConfigView } from './config-view.js';

afterEach(cleanup);

/** A server whose channel has `kits`, answering saves as the real one would. */
function serverWith(kits: BrandKit[]) {
  const server = new FakeServer();
  server.on('GET /api/v1/twitch/connection', { json: { status: 'not_connected' } });
  server.on('GET /api/v1/brand-kits', { json: { items: kits } });
  server.on('GET /api/v1/chat/settings', { json: DEFAULT_CHAT_SETTINGS });
  server.on('GET /api/v1/twitch/rewards', { json: { items: [] } });
  server.on('GET /api/v1/channel', {
    json: { id: 'local', displayName: 'local', allowModeratorGenerate: false, createdAt: kits[0]?.createdAt },
  });
  return server;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save brand kit' }));
const status = () => screen.findByText('Saved', { selector: '[role="status"]' });

/** The text of what a field's `aria-describedby` points at: its hint and its error. */
function description(element: HTMLElement) {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');
}

function chooseFile(label: string, file: File) {
  fireEvent.change(input(label), { target: { files: [file] } });
}

describe('the brand kit editor', () => {
  it('shows that the kits are loading', async () => {
    const server = serverWith([]);
    server.on('GET /api/v1/brand-kits', () => new Promise(() => {}));
    renderView(<ConfigView />, { server });
    await screen.findByText('Loading brand kits…');
    expect(screen.queryByRole('button', { name: 'Save brand kit' })).toBeNull();
  });

  it('opens a new kit from the defaults when the channel has none, and creates it', async () => {
    const server = serverWith([]);
    server.on('POST /api/v1/brand-kits', ({ body }) => ({
      status: 201,
      json: brandKit({ ...(body as object), active: true }),
    }));
    renderView(<ConfigView />, { server });
    await screen.findByText(/jobs use the built-in default kit until you save one/);
    expect((screen.getByLabelText('Brand kit to edit') as HTMLSelectElement).value).toBe('new');
    expect(input('Name').value).toBe('Streamer Studio');

    type('Name', ' Cozy Crew ');
    type('Primary colour hex', '#FF7AB6');
    type('Style words', 'kawaii, , thick lines ,');
    save();
    await status();

    expect(server.callsTo('POST', '/api/v1/brand-kits').map((call) => call.body)).toEqual([
      {
        name: 'Cozy Crew',
        colors: { primary: '#ff7ab6', secondary: '#1f1f23', accent: '#ffb31a' },
        fonts: ['Inter'],
        tone: 'playful and upbeat',
        styleWords: ['kawaii', 'thick lines'],
        active: true,
      },
    ]);
    const picker = screen.getByLabelText('Brand kit to edit') as HTMLSelectElement;
    expect(picker.selectedOptions[0]?.textContent).toBe('Cozy Crew (active)');
    expect(screen.queryByText(/built-in default kit/)).toBeNull();
  });

  it('saves only the changed fields, and lists the kit made active as the active one', async () => {
    const first = brandKit({ name: 'First', active: true });
    const second = brandKit({ name: 'Second', active: false, tone: 'calm' });
    const server = serverWith([first, second]);
    server.on('PUT /api/v1/brand-kits/:id', ({ body }) => ({
      json: { ...second, ...(body as object) },
    }));
    renderView(<ConfigView />, { server });
    const picker = (await screen.findByLabelText('Brand kit to edit')) as HTMLSelectElement;
    expect(input('Name').value).toBe('First');

    fireEvent.change(picker, { target: { value: second.id } });
    expect(input('Name').value).toBe('Second');
    expect(screen.getByRole('button', { name: 'Save brand kit' })).toHaveProperty('disabled', true);
    type('Tone', 'calm and cosy');
    fireEvent.click(input('Active kit'));
    save();
    await status();

    expect(server.callsTo('PUT', `/api/v1/brand-kits/${second.id}`).map((call) => call.body)).toEqual([
      { tone: 'calm and cosy', active: true },
    ]);
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      'First',
      'Second (active)',
      'New brand kit',
    ]);
  });

  it('shows a refused colour beside the colour field', async () => {
    const kit = brandKit();
    const server = serverWith([kit]);
    server.on('PUT /api/v1/brand-kits/:id', {
      status: 400,
      json: {
        error: {
          code: 'INVALID_INPUT',
          message: 'invalid json field "colors.primary": a colour is #rrggbb',
          details: [{ path: 'colors.primary', message: 'a colour is #rrggbb' }],
        },
      },
    });
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Name');
    type('Secondary colour', '#000000');
    save();

    await waitFor(() => expect(description(input('Primary colour'))).toContain('a colour is #rrggbb'));
    expect(input('Primary colour hex').getAttribute('aria-invalid')).toBe('true');
    expect(description(input('Secondary colour'))).not.toContain('#rrggbb');
    expect(screen.queryByText('Saved')).toBeNull();
  });

  it('says why any other failed save failed', async () => {
    const kit = brandKit();
    const server = serverWith([kit]);
    server.on('PUT /api/v1/brand-kits/:id', () => {
      throw new TypeError('fetch failed');
    });
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Name');
    type('Name', 'Renamed');
    save();
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
  });

  it('refuses a logo over 2 MB before uploading anything', async () => {
    const server = serverWith([brandKit()]);
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Logo');
    chooseFile('Logo', new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));

    expect(description(input('Logo'))).toContain('This image is 2.1 MB; a logo may be 2 MB at most.');
    expect(screen.queryByAltText('Logo preview')).toBeNull();
    expect(screen.getByRole('button', { name: 'Save brand kit' })).toHaveProperty('disabled', true);
    expect(server.calls.filter((call) => call.path.endsWith('/logo'))).toEqual([]);
  });

  it('previews a chosen logo and uploads its bytes as image/png when saved', async () => {
    const kit = brandKit();
    const server = serverWith([kit]);
    let contentType: string | null = null;
    server.on('PUT /api/v1/brand-kits/:id/logo', ({ request }) => {
      contentType = request.headers.get('content-type');
      return { json: { ...kit, logo: { url: '/files/logo.png?sig=x', contentType, bytes: 9 } } };
    });
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Logo');
    chooseFile('Logo', new File(['PNG-BYTES'], 'logo.png', { type: 'image/png' }));

    expect((await screen.findByAltText('Logo preview')).getAttribute('src')).toMatch(/^blob:/);
    save();
    await status();

    expect(server.callsTo('PUT', `/api/v1/brand-kits/${kit.id}/logo`).map((call) => call.body)).toEqual([
      'PNG-BYTES',
    ]);
    expect(contentType).toBe('image/png');
    expect(server.callsTo('PUT', `/api/v1/brand-kits/${kit.id}`)).toEqual([]);
    expect(screen.getByAltText('Logo preview').getAttribute('src')).toBe('/files/logo.png?sig=x');
  });

  it('creates a new kit before uploading its logo', async () => {
    const server = serverWith([]);
    const created = brandKit({ name: 'Streamer Studio' });
    server.on('POST /api/v1/brand-kits', { status: 201, json: created });
    server.on('PUT /api/v1/brand-kits/:id/logo', { json: created });
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Logo');
    chooseFile('Logo', new File(['WEBP'], 'logo.webp', { type: 'image/webp' }));
    save();
    await status();

    expect(server.calls.filter((call) => call.method !== 'GET').map((call) => call.path)).toEqual([
      '/api/v1/brand-kits',
      `/api/v1/brand-kits/${created.id}/logo`,
    ]);
  });

  it('deletes a kit only once the deletion is confirmed', async () => {
    const kept = brandKit({ name: 'Kept', active: false });
    const doomed = brandKit({ name: 'Doomed', active: true });
    const server = serverWith([kept, doomed]);
    server.on('DELETE /api/v1/brand-kits/:id', { status: 204 });
    renderView(<ConfigView />, { server });
    await screen.findByLabelText('Name');
    expect(input('Name').value).toBe('Doomed');

    fireEvent.click(screen.getByRole('button', { name: 'Delete brand kit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(server.callsTo('DELETE', `/api/v1/brand-kits/${doomed.id}`)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete brand kit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await screen.findByText('Deleted', { selector: '[role="status"]' });

    expect(server.callsTo('DELETE', `/api/v1/brand-kits/${doomed.id}`)).toHaveLength(1);
    const picker = screen.getByLabelText('Brand kit to edit') as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual(['Kept', 'New brand kit']);
    expect(input('Name').value).toBe('Kept');
  });

  it('shows a moderator the kits with nothing to change them', async () => {
    const server = serverWith([brandKit({ name: 'Cozy' })]);
    renderView(<ConfigView />, { server, me: capabilities('moderator') });
    await screen.findByText('Read only');
    expect(((await screen.findByLabelText('Name')) as HTMLInputElement).value).toBe('Cozy');
    expect(input('Name').closest('fieldset')?.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save brand kit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete brand kit' })).toBeNull();
    const picker = screen.getByLabelText('Brand kit to edit');
    expect(within(picker).queryByText('New brand kit')).toBeNull();
  });
});
