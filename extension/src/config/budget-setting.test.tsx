import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, FakeServer } from '../testing/fake-server.js';
import { capabilities } from '../testing/fixtures.js';
import { renderView } from '../testing/render-view.js';
import { BudgetSetting } from './budget-setting.js';
import { parseBudget } from './use-budget-setting.js';

afterEach(cleanup);

const channel = (dailyGenerationBudget: number | null, generationsToday = 12) => ({
  id: 'local',
  displayName: 'local',
  allowModeratorGenerate: false,
  dailyGenerationBudget,
  generationsToday,
  budgetResetsAt: '2026-12-03T00:00:00.000Z',
  createdAt: '2026-12-01T18:30:00.000Z',
});

const section = async () => within(await screen.findByRole('region', { name: 'Daily generation budget' }));

describe('<BudgetSetting>', () => {
  it('shows today’s use against the budget and saves a new one', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/channel', { json: channel(100) })
      .on('PUT /api/v1/channel', ({ body }) => ({ json: { ...channel(100), ...(body as object) } }));
    renderView(<BudgetSetting readOnly={false} />, { server });
    const view = await section();
    await view.findByText(/Today: 12 of 100 generations used/);
    const field = view.getByLabelText('Generations per day') as HTMLInputElement;
    expect(field.value).toBe('100');
    fireEvent.input(field, { target: { value: '25' } });
    fireEvent.click(view.getByRole('button', { name: 'Save budget' }));
    await view.findByText('Saved');
    expect(server.callsTo('PUT', '/api/v1/channel').map((call) => call.body)).toEqual([
      { dailyGenerationBudget: 25 },
    ]);
    await view.findByText(/Today: 12 of 25 generations used/);
  });

  it('saves no limit as null, and refuses what the server would not take before sending it', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/channel', { json: channel(100) })
      .on('PUT /api/v1/channel', ({ body }) => ({ json: { ...channel(100), ...(body as object) } }));
    renderView(<BudgetSetting readOnly={false} />, { server });
    const view = await section();
    const field = (await view.findByLabelText('Generations per day')) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '2.5' } });
    expect((view.getByRole('button', { name: 'Save budget' }) as HTMLButtonElement).disabled).toBe(true);
    expect(view.getByText(/a whole number from 0 to 1,000,000/)).toBeTruthy();
    fireEvent.click(view.getByLabelText('No daily limit'));
    expect(field.disabled).toBe(true);
    fireEvent.click(view.getByRole('button', { name: 'Save budget' }));
    await view.findByText('Saved');
    expect(server.callsTo('PUT', '/api/v1/channel').map((call) => call.body)).toEqual([
      { dailyGenerationBudget: null },
    ]);
    await view.findByText(/Today: 12 generations used/);
  });

  it('says why the server refused, and keeps the draft', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/channel', { json: channel(100) })
      .on('PUT /api/v1/channel', apiError(403, 'FORBIDDEN', 'your role on this channel may not do this'));
    renderView(<BudgetSetting readOnly={false} />, { server });
    const view = await section();
    const field = (await view.findByLabelText('Generations per day')) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '7' } });
    fireEvent.click(view.getByRole('button', { name: 'Save budget' }));
    expect((await view.findByRole('alert')).textContent).toMatch(/your role on this channel may not do this/);
    expect(field.value).toBe('7');
  });

  it('shows a moderator the budget without a way to change it', async () => {
    const server = new FakeServer().on('GET /api/v1/channel', { json: channel(50, 3) });
    renderView(<BudgetSetting readOnly />, { server, me: capabilities('moderator') });
    const view = await section();
    await view.findByText(/Today: 3 of 50 generations used/);
    expect((view.getByLabelText('Generations per day') as HTMLInputElement).disabled).toBe(true);
    expect(view.queryByRole('button', { name: 'Save budget' })).toBeNull();
  });

  it('reads only whole numbers in range as a budget', () => {
    expect(parseBudget('0')).toEqual({ budget: 0 });
    expect(parseBudget(' 1000000 ')).toEqual({ budget: 1_000_000 });
    for (const text of ['', '-1', '1.5', '1000001', 'ten'])
      expect(parseBudget(text)).toHaveProperty('problem');
  });
});
