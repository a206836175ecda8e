import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '../../../server/chat/chat-command-settings.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { ChatSettingsSection } from './chat-settings-section.js';

afterEach(cleanup);

/** The section once its settings are in. */
const section = async () => {
  const view = within(await screen.findByRole('region', { name: 'Chat commands' }));
  await view.findByLabelText('Command');
  return view;
};
const field = (view: Awaited<ReturnType<typeof section>>, label: string) =>
  view.getByLabelText(label) as HTMLInputElement;
const errorOf = (input: HTMLElement) =>
  input
    .getAttribute('aria-describedby')
    ?.split(' ')
    .map((id) => document.getElementById(id))
    .find((element) => element?.classList.contains('field-error'))?.textContent;

function serverWith(settings = DEFAULT_CHAT_SETTINGS) {
  return new FakeServer()
    .on('GET /api/v1/chat/settings', { json: settings })
    .on('PUT /api/v1/chat/settings', ({ body }) => ({ json: { ...settings, ...(body as object) } }));
}

describe('<ChatSettingsSection>', () => {
  it('shows the stored settings in words and saves only what changed, with one button', async () => {
    const server = serverWith({ ...DEFAULT_CHAT_SETTINGS, aliases: ['!art'] });
    renderView(<ChatSettingsSection readOnly={false} />, { server });
    const view = await section();
    expect(field(view, 'Command').value).toBe('!gen');
    expect(field(view, 'Other words that start it').value).toBe('!art');
    const who = view.getByLabelText('Who may use it') as HTMLSelectElement;
    expect(who.selectedOptions[0]?.textContent).toBe('Subscribers, VIPs and moderators');
    expect(field(view, 'Answer chat commands').checked).toBe(true);

    fireEvent.input(field(view, 'Command'), { target: { value: '!make' } });
    fireEvent.input(field(view, 'Other words that start it'), { target: { value: '!art, !draw' } });
    fireEvent.change(who, { target: { value: 'vips' } });
    fireEvent.input(field(view, 'Seconds each chatter waits'), { target: { value: '0' } });
    fireEvent.click(field(view, 'What chat and channel points make goes public at once'));
    fireEvent.click(view.getByRole('button', { name: 'Save chat settings' }));
    await view.findByText('Saved');
    expect(server.callsTo('PUT', '/api/v1/chat/settings').map((call) => call.body)).toEqual([
      {
        prefix: '!make',
        aliases: ['!art', '!draw'],
        who: 'vips',
        userCooldownSeconds: 0,
        publishAtOnce: true,
      },
    ]);
  });

  it('says what is wrong beside a field before sending, and holds the save back', async () => {
    const server = serverWith();
    renderView(<ChatSettingsSection readOnly={false} />, { server });
    const view = await section();
    const cooldown = field(view, 'Seconds between any two');
    fireEvent.input(cooldown, { target: { value: '2.5' } });
    expect(errorOf(cooldown)).toMatch(/a whole number of seconds/);
    expect(cooldown.getAttribute('aria-invalid')).toBe('true');
    expect((view.getByRole('button', { name: 'Save chat settings' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.input(cooldown, { target: { value: '30' } });
    expect(errorOf(cooldown)).toBeUndefined();
    expect(server.callsTo('PUT', '/api/v1/chat/settings')).toEqual([]);
  });

  it('shows the server’s refusal beside the field it names, until that field changes', async () => {
    const server = serverWith().on('PUT /api/v1/chat/settings', {
      status: 400,
      json: {
        error: {
          code: 'INVALID_INPUT',
          message: 'invalid json field "prefix": is already one of the aliases',
          details: [{ path: 'prefix', message: 'is already one of the aliases' }],
        },
      },
    });
    renderView(<ChatSettingsSection readOnly={false} />, { server });
    const view = await section();
    const prefix = field(view, 'Command');
    fireEvent.input(prefix, { target: { value: '!other' } });
    fireEvent.click(view.getByRole('button', { name: 'Save chat settings' }));
    await view.findByText('is already one of the aliases');
    expect(errorOf(prefix)).toBe('is already one of the aliases');
    fireEvent.input(prefix, { target: { value: '!other2' } });
    expect(errorOf(prefix)).toBeUndefined();
  });

  it('says why a save was refused when no field is to blame', async () => {
    const server = serverWith().on(
      'PUT /api/v1/chat/settings',
      apiError(403, 'FORBIDDEN', 'your role on this channel may not do this'),
    );
    renderView(<ChatSettingsSection readOnly={false} />, { server });
    const view = await section();
    fireEvent.click(field(view, 'Answer chat commands'));
    fireEvent.click(view.getByRole('button', { name: 'Save chat settings' }));
    expect((await view.findByRole('alert')).textContent).toMatch(/may not do this/);
    expect(field(view, 'Answer chat commands').checked).toBe(false);
  });

  it('shows a moderator the settings without a way to change them', async () => {
    renderView(<ChatSettingsSection readOnly />, { server: serverWith(), me: capabilities('moderator') });
    const view = await section();
    expect(field(view, 'Command').closest('fieldset')?.disabled).toBe(true);
    expect(view.getByLabelText('Who may use it').closest('fieldset')?.disabled).toBe(true);
    expect(view.queryByRole('button', { name: 'Save chat settings' })).toBeNull();
  });

  it('offers to try again when the settings could not be loaded', async () => {
    const server = serverWith().on('GET /api/v1/chat/settings', apiError(503, 'UNAVAILABLE', 'starting up'));
    renderView(<ChatSettingsSection readOnly={false} />, { server });
    const view = within(await screen.findByRole('region', { name: 'Chat commands' }));
    await view.findByText('The chat settings could not be loaded');
    server.on('GET /api/v1/chat/settings', { json: DEFAULT_CHAT_SETTINGS });
    fireEvent.click(view.getByRole('button', { name: 'Try again' }));
    await view.findByLabelText('Command');
  });
});
