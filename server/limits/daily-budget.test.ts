import { count, eq } from 'drizzle-orm';
import { afterEach, expect, it, vi } from 'vitest';
import { describeEachDatabase, describePostgres } from '../db/describe-each-database.js';
import { jobs } from '../db/schema.js';
import { ContentPolicyError } from '../errors/index.js';
import type { ImageProvider } from '../providers/index.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

/** An image service that declines every subject: each job fails at once, without retries. */
const declining: ImageProvider = {
  name: 'declining',
  generate: () => Promise.reject(new ContentPolicyError('declined', { provider: 'declining' })),
};

interface ChannelView {
  dailyGenerationBudget: number | null;
  generationsToday: number;
  budgetResetsAt: string;
}

describeEachDatabase('a channel’s daily generation budget', ({ database }) => {
  let studio: TestStudio | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await studio?.close();
    studio = undefined;
  });

  const open = async (options: {
    env?: Record<string, string>;
    provider?: ImageProvider;
    worker?: boolean;
  }) => {
    studio = await createTestStudio({ worker: false, ...options, database: database() });
    return studio;
  };
  const generate = (channel: string, headers: Record<string, string> = {}) =>
    studio!.call('/api/v1/generate', {
      token: studio!.token(channel),
      body: { assetType: 'emote', prompt: 'a bee' },
      headers,
    });
  const read = async (channel: string) =>
    (await (await studio!.call('/api/v1/channel', { token: studio!.token(channel) })).json()) as ChannelView;

  it('refuses the generation past the budget with BUDGET_EXHAUSTED, Retry-After to 00:00 UTC and the reset in words; the next day starts fresh', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-24T20:47:30.000Z'));
    await open({ env: { DAILY_GENERATION_BUDGET: '3' } });
    for (let i = 0; i < 3; i++) expect((await generate('b-1')).status).toBe(202);
    const refused = await generate('b-1');
    const error = await expectApiError(refused.clone(), 429, 'BUDGET_EXHAUSTED');
    expect(error.message).toMatch(
      /^today’s 3 generations are used; the budget resets at 00:00 UTC \(in 3 h 13 min\)$/,
    );
    expect(error.details).toEqual({ limit: 3, resetsAt: '2026-11-25T00:00:00.000Z' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(3 * 3600 + 12 * 60 + 29);
    expect(retryAfter).toBeLessThanOrEqual(3 * 3600 + 12 * 60 + 30);
    expect(await read('b-1')).toMatchObject({
      dailyGenerationBudget: 3,
      generationsToday: 3,
      budgetResetsAt: '2026-11-25T00:00:00.000Z',
    });
    // Another channel has a budget of its own.
    expect((await generate('b-2')).status).toBe(202);
    vi.setSystemTime(new Date('2026-11-25T00:00:00.000Z'));
    expect((await generate('b-1')).status).toBe(202);
    expect(await read('b-1')).toMatchObject({ generationsToday: 1 });
  });

  it('counts a request repeated with the same Idempotency-Key once', async () => {
    await open({ env: { DAILY_GENERATION_BUDGET: '2' } });
    const first = await (await generate('i-1', { 'Idempotency-Key': 'k-1' })).json();
    const again = await (await generate('i-1', { 'Idempotency-Key': 'k-1' })).json();
    expect(again.id).toBe(first.id);
    expect((await read('i-1')).generationsToday).toBe(1);
    expect((await generate('i-1')).status).toBe(202);
    await expectApiError(await generate('i-1'), 429, 'BUDGET_EXHAUSTED');
    // A repeat of a job already paid for is still answered once the budget is used up.
    expect((await generate('i-1', { 'Idempotency-Key': 'k-1' })).status).toBeLessThan(300);
  });

  it('is changed by the broadcaster through PUT /channel, audited, and by no one else', async () => {
    await open({ env: { DAILY_GENERATION_BUDGET: '5' } });
    const token = studio!.token('s-1');
    const put = (body: unknown, as = token) =>
      studio!.call('/api/v1/channel', { token: as, method: 'PUT', body });
    expect((await read('s-1')).dailyGenerationBudget).toBe(5);
    const changed = (await (await put({ dailyGenerationBudget: 1 })).json()) as ChannelView;
    expect(changed).toMatchObject({ dailyGenerationBudget: 1, generationsToday: 0 });
    expect((await generate('s-1')).status).toBe(202);
    await expectApiError(await generate('s-1'), 429, 'BUDGET_EXHAUSTED');
    await expectApiError(
      await put({ dailyGenerationBudget: 9 }, studio!.token('s-1', 'moderator')),
      403,
      'FORBIDDEN',
    );
    for (const bad of [-1, 1.5, '3', 1_000_001])
      await expectApiError(await put({ dailyGenerationBudget: bad }), 400, 'INVALID_INPUT');
    expect((await (await put({ dailyGenerationBudget: null })).json()).dailyGenerationBudget).toBeNull();
    for (let i = 0; i < 6; i++) expect((await generate('s-1')).status).toBe(202);
    const audit = (await (await studio!.call('/api/v1/audit', { token })).json()) as {
      items: { action: string; details: unknown }[];
    };
    expect(audit.items.filter((entry) => entry.action === 'channel.update').map((e) => e.details)).toEqual([
      { dailyGenerationBudget: null },
      { dailyGenerationBudget: 1 },
    ]);
  });

  it('takes back the unit of a job cancelled while queued, once, even when two cancels race', async () => {
    await open({ env: { DAILY_GENERATION_BUDGET: '1' } });
    const job = await (await generate('c-1')).json();
    await expectApiError(await generate('c-1'), 429, 'BUDGET_EXHAUSTED');
    const token = studio!.token('c-1');
    const cancels = await Promise.all(
      [0, 1].map(() => studio!.call(`/api/v1/jobs/${job.id}/cancel`, { token, method: 'POST' })),
    );
    expect(cancels.map((response) => response.status).sort()).toEqual([200, 409]);
    expect((await read('c-1')).generationsToday).toBe(0);
    expect((await generate('c-1')).status).toBe(202);
    await expectApiError(await generate('c-1'), 429, 'BUDGET_EXHAUSTED');
  });

  it('gives back the unit of a job that failed without an image', async () => {
    await open({ env: { DAILY_GENERATION_BUDGET: '1' }, provider: declining, worker: true });
    const job = await (await generate('f-1')).json();
    expect(await studio!.settle('f-1', job.id)).toMatchObject({
      status: 'failed',
      errorCode: 'CONTENT_POLICY',
    });
    expect((await read('f-1')).generationsToday).toBe(0);
    const next = await (await generate('f-1')).json();
    await studio!.settle('f-1', next.id);
    expect((await read('f-1')).generationsToday).toBe(0);
  });

  it('keeps the unit of a job that completed', async () => {
    await open({ env: { DAILY_GENERATION_BUDGET: '1' }, worker: true });
    const job = await (await generate('k-1')).json();
    expect(await studio!.settle('k-1', job.id)).toMatchObject({ status: 'completed' });
    expect((await read('k-1')).generationsToday).toBe(1);
    await expectApiError(await generate('k-1'), 429, 'BUDGET_EXHAUSTED');
  });
});

describePostgres('the daily budget under a crowd', ({ database }) => {
  let studio: TestStudio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
  });

  const burst = (channel: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        studio!.call('/api/v1/generate', {
          token: studio!.token(channel),
          body: { assetType: 'emote', prompt: 'a bee' },
        }),
      ),
    );
  const jobsOf = async (channel: string) => {
    const rows = await database()
      .db.select({ status: jobs.status, n: count() })
      .from(jobs)
      .where(eq(jobs.channelId, channel))
      .groupBy(jobs.status);
    const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
    return { queued: of('queued'), cancelled: of('cancelled') };
  };

  it('creates exactly 100 jobs from 500 requests at once on a budget of 100', async () => {
    studio = await createTestStudio({
      worker: false,
      database: database(),
      env: { DAILY_GENERATION_BUDGET: '100' },
    });
    const answers = await burst('crowd-1', 500);
    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(100);
    expect(statuses.filter((status) => status === 429)).toHaveLength(400);
    const codes = await Promise.all(
      answers.filter((r) => r.status === 429).map(async (r) => (await r.json()).error.code),
    );
    expect(new Set(codes)).toEqual(new Set(['BUDGET_EXHAUSTED']));
    expect(await jobsOf('crowd-1')).toEqual({ queued: 100, cancelled: 0 });
  });

  it('loses no unit when cancels give units back during the crowd', async () => {
    studio = await createTestStudio({
      worker: false,
      database: database(),
      env: { DAILY_GENERATION_BUDGET: '100' },
    });
    const token = studio.token('crowd-2');
    const cancelled: (Response | Promise<Response>)[] = [];
    const answers = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const response = await studio!.call('/api/v1/generate', {
          token,
          body: { assetType: 'emote', prompt: 'a bee' },
        });
        // Every fifth job made is cancelled at once, giving its unit back while others still ask.
        if (response.status === 202 && i % 5 === 0) {
          const { id } = (await response.clone().json()) as { id: string };
          cancelled.push(studio!.call(`/api/v1/jobs/${id}/cancel`, { token, method: 'POST' }));
        }
        return response.status;
      }),
    );
    expect((await Promise.all(cancelled)).every((response) => response.status === 200)).toBe(true);
    const made = answers.filter((status) => status === 202).length;
    const { queued, cancelled: gone } = await jobsOf('crowd-2');
    expect(queued + gone).toBe(made);
    expect(queued).toBeLessThanOrEqual(100);
    // Whatever raced, the units left are exactly the budget less the jobs that kept one.
    const after = await burst('crowd-2', 100 - queued + 20);
    expect(after.filter((response) => response.status === 202)).toHaveLength(100 - queued);
    expect((await jobsOf('crowd-2')).queued).toBe(100);
  });
});
