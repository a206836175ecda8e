import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TwitchReward } from '../../../client/index.js';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { RewardsSection } from './rewards-section.js';
import { REWARD_POLL_MS } from './use-rewards.js';

afterEach(cleanup);

let counter = 0;
function reward(overrides: Partial<TwitchReward> = {}): TwitchReward {
  return {
    id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    title: 'Make an emote',
    cost: 500,
    assetType: 'emote',
    status: 'active',
    failureReason: null,
    createdAt: '2026-12-01T18:30:00.000Z',
    updatedAt: '2026-12-01T18:30:00.000Z',
    ...overrides,
  };
}

const section = async () => within(await screen.findByRole('region', { name: 'Channel-point rewards' }));

function serverWith(rewards: TwitchReward[], connection = 'connected') {
  return new FakeServer()
    .on('GET /api/v1/twitch/connection', { json: { status: connection, login: 'cozycat' } })
    .on('GET /api/v1/twitch/rewards', () => ({ json: { items: rewards } }));
}

describe('<RewardsSection>', () => {
  it('lists each reward with its cost, type and where it stands on Twitch, in words', async () => {
    const server = serverWith([
      reward({ title: 'Emote', status: 'active' }),
      reward({
        title: 'Badge',
        assetType: 'sub_badge',
        cost: 1200,
        status: 'failed',
        failureReason: 'title taken',
      }),
    ]);
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    const items = await view.findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Emote500 points · EmoteLive on Twitch/),
      expect.stringMatching(/^Badge1,200 points · Subscriber badgeTwitch refused: title taken/),
    ]);
  });

  it('reads the list again every 2 s while a reward waits on Twitch, and stops once none does', async () => {
    const waiting = reward({ title: 'Soon', status: 'pending' });
    const rewards = [waiting];
    const server = serverWith(rewards);
    const reads = () => server.callsTo('GET', '/api/v1/twitch/rewards').length;
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    await view.findByText('Creating on Twitch…');
    // Only timeouts are faked: the queries' own polling (an interval) and the fake server keep real time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await vi.advanceTimersByTimeAsync(REWARD_POLL_MS - 1);
      expect(reads()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await waitFor(() => expect(reads()).toBe(2));
      rewards[0] = { ...waiting, status: 'active' };
      await vi.advanceTimersByTimeAsync(REWARD_POLL_MS);
      await view.findByText('Live on Twitch');
      await vi.advanceTimersByTimeAsync(REWARD_POLL_MS * 5);
      expect(reads()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('adds a reward from the form, which shows it as being created', async () => {
    const server = serverWith([]).on('POST /api/v1/twitch/rewards', ({ body }) => ({
      status: 201,
      json: reward({ ...(body as Partial<TwitchReward>), status: 'pending' }),
    }));
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    await view.findByText('No rewards yet.');
    fireEvent.input(view.getByLabelText('Title'), { target: { value: ' Draw my cat ' } });
    fireEvent.input(view.getByLabelText('Cost in channel points'), { target: { value: '750' } });
    fireEvent.change(view.getByLabelText('Asset type'), { target: { value: 'alert' } });
    fireEvent.click(view.getByRole('button', { name: 'Add reward' }));
    await view.findByText('Creating on Twitch…');
    expect(server.callsTo('POST', '/api/v1/twitch/rewards').map((call) => call.body)).toEqual([
      { title: 'Draw my cat', cost: 750, assetType: 'alert' },
    ]);
    expect(view.getByText('Draw my cat')).toBeTruthy();
    expect((view.getByLabelText('Title') as HTMLInputElement).value).toBe('');
  });

  it('holds back a cost Twitch would refuse, and shows the server’s refusal beside the title', async () => {
    const server = serverWith([]).on('POST /api/v1/twitch/rewards', {
      status: 400,
      json: {
        error: {
          code: 'INVALID_INPUT',
          message: 'invalid json field "title": the channel already has a reward titled “Emote”',
          details: [{ path: 'title', message: 'the channel already has a reward titled “Emote”' }],
        },
      },
    });
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    fireEvent.input(await view.findByLabelText('Title'), { target: { value: 'Emote' } });
    fireEvent.input(view.getByLabelText('Cost in channel points'), { target: { value: '0' } });
    fireEvent.click(view.getByRole('button', { name: 'Add reward' }));
    await view.findByText('a whole number of points from 1 to 1,000,000');
    expect(server.callsTo('POST', '/api/v1/twitch/rewards')).toEqual([]);
    fireEvent.input(view.getByLabelText('Cost in channel points'), { target: { value: '10' } });
    fireEvent.click(view.getByRole('button', { name: 'Add reward' }));
    const message = await view.findByText('the channel already has a reward titled “Emote”');
    expect(view.getByLabelText('Title').getAttribute('aria-describedby')).toContain(message.id);
  });

  it('removes a reward only once confirmed: gone at once, or removing while Twitch has it', async () => {
    const never = reward({ title: 'Never made', status: 'failed', failureReason: 'no' });
    const live = reward({ title: 'Live one' });
    const server = serverWith([never, live])
      .on(`DELETE /api/v1/twitch/rewards/${never.id}`, { status: 204 })
      .on(`DELETE /api/v1/twitch/rewards/${live.id}`, { status: 202, json: { ...live, status: 'deleting' } });
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    const [first, second] = await view.findAllByRole('listitem');
    fireEvent.click(within(first!).getByRole('button', { name: 'Remove' }));
    expect(server.callsTo('DELETE', `/api/v1/twitch/rewards/${never.id}`)).toEqual([]);
    fireEvent.click(within(first!).getByRole('button', { name: 'Keep' }));
    fireEvent.click(within(first!).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(first!).getByRole('button', { name: 'Confirm remove' }));
    await waitFor(() => expect(view.queryByText('Never made')).toBeNull());

    fireEvent.click(within(second!).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(second!).getByRole('button', { name: 'Confirm remove' }));
    await view.findByText('Removing…');
    expect(within(second!).queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('says to connect Twitch first and hides the form while it is not connected', async () => {
    renderView(<RewardsSection readOnly={false} />, { server: serverWith([], 'not_connected') });
    const view = await section();
    await view.findByText(/connect Twitch above first/);
    expect(view.queryByRole('button', { name: 'Add reward' })).toBeNull();
  });

  it('takes the form away when the server says Twitch is no longer connected', async () => {
    let connection = 'connected';
    const server = serverWith([])
      .on('GET /api/v1/twitch/connection', () => ({ json: { status: connection } }))
      .on('POST /api/v1/twitch/rewards', () => {
        connection = 'broken';
        return apiError(409, 'TWITCH_NOT_CONNECTED', 'connect Twitch first');
      });
    renderView(<RewardsSection readOnly={false} />, { server });
    const view = await section();
    fireEvent.input(await view.findByLabelText('Title'), { target: { value: 'Emote' } });
    fireEvent.click(view.getByRole('button', { name: 'Add reward' }));
    await view.findByText(/The Twitch connection broke/);
    expect(view.queryByRole('button', { name: 'Add reward' })).toBeNull();
  });

  it('shows a moderator the rewards with nothing to add or remove', async () => {
    renderView(<RewardsSection readOnly />, {
      server: serverWith([reward()]),
      me: capabilities('moderator'),
    });
    const view = await section();
    await view.findByText('Live on Twitch');
    expect(view.queryAllByRole('button')).toEqual([]);
  });
});
