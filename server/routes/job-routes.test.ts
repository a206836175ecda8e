import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

type JobJson = { id: string; status: string; channelId: string };

describe('job routes', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    // No worker: jobs stay queued, so listing and cancelling see a stable queue.
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const queue = async (channelId: string, prompt = 'a fox') => {
    const response = await studio.call('/api/v1/generate', {
      token: studio.token(channelId),
      body: { assetType: 'emote', prompt },
    });
    return (await response.json()) as JobJson;
  };

  it('shows a job to its channel and 404s it for another channel', async () => {
    const job = await queue('3001');
    const own = await studio.call(`/api/v1/jobs/${job.id}`, { token: studio.token('3001') });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: job.id, status: 'queued' });
    const other = await studio.call(`/api/v1/jobs/${job.id}`, { token: studio.token('3002') });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await studio.call(`/api/v1/jobs/${job.id}/assets`, { token: studio.token('3002') })).status).toBe(
      404,
    );
  });

  it('keeps jobs from viewers', async () => {
    const job = await queue('3003');
    const response = await studio.call(`/api/v1/jobs/${job.id}`, { token: studio.token('3003', 'viewer') });
    expect(response.status).toBe(403);
    expect((await studio.call('/api/v1/jobs', { token: studio.token('3003', 'viewer') })).status).toBe(403);
  });

  it('lists a channel’s jobs newest first, page by page, each exactly once', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await queue('3004', `job ${i}`)).id);
    await queue('3005');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/jobs?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await (await studio.call(query, { token: studio.token('3004') })).json()) as {
        items: JobJson[];
        nextCursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((j) => j.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('filters by status', async () => {
    const job = await queue('3006');
    await studio.call(`/api/v1/jobs/${job.id}/cancel`, { token: studio.token('3006'), method: 'POST' });
    await queue('3006');
    const body = (await (
      await studio.call('/api/v1/jobs?status=cancelled', { token: studio.token('3006') })
    ).json()) as {
      items: JobJson[];
    };
    expect(body.items.map((j) => j.id)).toEqual([job.id]);
  });

  it('cancels a queued job once; a second cancel is a 409', async () => {
    const job = await queue('3007');
    const first = await studio.call(`/api/v1/jobs/${job.id}/cancel`, {
      token: studio.token('3007'),
      method: 'POST',
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'cancelled' });
    const second = await studio.call(`/api/v1/jobs/${job.id}/cancel`, {
      token: studio.token('3007'),
      method: 'POST',
    });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
  });

  it('will not cancel another channel’s job', async () => {
    const job = await queue('3008');
    const response = await studio.call(`/api/v1/jobs/${job.id}/cancel`, {
      token: studio.token('3009'),
      method: 'POST',
    });
    expect(response.status).toBe(404);
    const still = await studio.call(`/api/v1/jobs/${job.id}`, { token: studio.token('3008') });
    expect(await still.json()).toMatchObject({ status: 'queued' });
  });

  it.each([
    ['/api/v1/jobs/not-a-uuid', 'id'],
    ['/api/v1/jobs?limit=0', 'limit'],
    ['/api/v1/jobs?limit=101', 'limit'],
    ['/api/v1/jobs?status=running', 'status'],
    ['/api/v1/jobs?cursor=%%%', 'cursor'],
  ])('refuses %s with 400 naming %s', async (path, field) => {
    const response = await studio.call(path, { token: studio.token('3010') });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(field);
  });
});
