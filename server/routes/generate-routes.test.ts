import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setModeratorGenerate } from '../channels/channel-store.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { readSse } from '../testing/read-sse.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

describe('POST /api/v1/generate', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    // No worker: these tests look at what the route writes, not at generation.
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const generate = (body: unknown, token = studio.token('2001'), headers: Record<string, string> = {}) =>
    studio.call('/api/v1/generate', { token, body, headers });

  it('answers 202 with a queued job in the design’s shape', async () => {
    const response = await generate({ assetType: 'panel', prompt: 'About me' });
    expect(response.status).toBe(202);
    const job = await response.json();
    expect(job).toMatchObject({
      channelId: '2001',
      assetType: 'panel',
      prompt: 'About me',
      status: 'queued',
      progress: 0,
      retryCount: 0,
    });
    expect(Object.keys(job).sort()).toEqual(
      [
        'assetType',
        'channelId',
        'createdAt',
        'id',
        'progress',
        'prompt',
        'retryCount',
        'status',
        'updatedAt',
      ].sort(),
    );
  });

  it('returns the same job for a repeated Idempotency-Key, and a new one for another key', async () => {
    const headers = { 'Idempotency-Key': 'retry-me-1' };
    const first = await generate({ assetType: 'emote', prompt: 'a frog' }, undefined, headers);
    const again = await generate({ assetType: 'emote', prompt: 'a frog' }, undefined, headers);
    const other = await generate({ assetType: 'emote', prompt: 'a frog' }, undefined, {
      'Idempotency-Key': 'retry-me-2',
    });
    expect([first.status, again.status, other.status]).toEqual([202, 200, 202]);
    const [a, b, c] = await Promise.all([first.json(), again.json(), other.json()]);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });

  it('refuses the same Idempotency-Key with a different request: 422, and no second job', async () => {
    const headers = { 'Idempotency-Key': 'reused-key' };
    const first = await generate({ assetType: 'emote', prompt: 'a frog' }, studio.token('2010'), headers);
    expect(first.status).toBe(202);
    const { id } = await first.json();
    for (const body of [
      { assetType: 'emote', prompt: 'a toad' },
      { assetType: 'sub_badge', prompt: 'a frog' },
      { assetType: 'emote', prompt: 'a frog', visibility: 'public' },
    ]) {
      const error = await expectApiError(
        await generate(body, studio.token('2010'), headers),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(error.details).toEqual({ jobId: id });
    }
    const same = await generate({ assetType: 'emote', prompt: 'a frog' }, studio.token('2010'), headers);
    expect(same.status).toBe(200);
    expect((await same.json()).id).toBe(id);
    const jobs = await (await studio.call('/api/v1/jobs', { token: studio.token('2010') })).json();
    expect(jobs.items.map((job: { id: string }) => job.id)).toEqual([id]);
  });

  it('makes exactly one job for concurrent requests with one Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'stampede' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        generate({ assetType: 'emote', prompt: 'a herd' }, studio.token('2011'), headers),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    const ids = new Set(await Promise.all(answers.map(async (answer) => (await answer.json()).id)));
    expect(ids.size).toBe(1);
  });

  it('stores and announces the prompt as the sanitizer leaves it', async () => {
    const stream = await studio.call('/api/v1/events', { token: studio.token('2012') });
    const raw = 'a \u202ecat\u202c in \u001b[31mred\u001b[0m sunglasses';
    const answer = await generate({ assetType: 'emote', prompt: raw }, studio.token('2012'));
    const job = await answer.json();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape characters are what must be gone.
    expect(job.prompt).not.toMatch(/[\u202e\u202c\u001b]/);
    expect(job.prompt).toContain('cat');
    const { messages } = await readSse(stream, (m) => m.some((e) => e.event === 'job.queued'));
    const queued = JSON.parse(messages.find((m) => m.event === 'job.queued')!.data);
    expect(queued.prompt).toBe(job.prompt);
  });

  it('keeps idempotency keys per channel', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    const a = await (
      await generate({ assetType: 'emote', prompt: 'x' }, studio.token('2002'), headers)
    ).json();
    const b = await (
      await generate({ assetType: 'emote', prompt: 'x' }, studio.token('2003'), headers)
    ).json();
    expect(a.id).not.toBe(b.id);
  });

  it.each([
    [{ assetType: 'poster', prompt: 'x' }, 'assetType'],
    [{ assetType: 'emote' }, 'prompt'],
    [{ assetType: 'emote', prompt: '' }, 'prompt'],
    [{ assetType: 'emote', prompt: 'x'.repeat(501) }, 'prompt'],
    [{ assetType: 'emote', prompt: '\u0000\u200b{{ }}' }, 'prompt'],
    [{ assetType: 'emote', prompt: 'x', visibility: 'secret' }, 'visibility'],
    [{ assetType: 'emote', prompt: 'x', brandKitId: 'not-a-uuid' }, 'brandKitId'],
    [{ assetType: 'emote', prompt: 'x', brandKitId: '6f1c1a1e-5a0e-4d3c-9a43-1f6f4c1f7a10' }, 'brandKitId'],
  ])('refuses %j with 400 INVALID_INPUT naming %s', async (body, field) => {
    const response = await generate(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(
      field === 'prompt' && !('prompt' in body) ? 'prompt' : field === 'prompt' ? 'prompt' : field,
    );
  });

  it('takes JSON sent the way `curl -d` sends it', async () => {
    const response = await studio.app.request('/api/v1/generate', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${studio.token('2006')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: '{"assetType":"emote","prompt":"a cat"}',
    });
    expect(response.status).toBe(202);
  });

  it('refuses a body that is not JSON with a 415 that says what to send', async () => {
    const response = await studio.app.request('/api/v1/generate', {
      method: 'POST',
      headers: { Authorization: `Bearer ${studio.token('2006')}`, 'Content-Type': 'text/plain' },
      body: 'assetType=emote',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') },
    });
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const response = await generate('{"assetType": "emote",');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it('refuses callers without a valid token', async () => {
    expect((await generate({ assetType: 'emote', prompt: 'x' }, '')).status).toBe(401);
    expect((await generate({ assetType: 'emote', prompt: 'x' }, 'garbage.token.here')).status).toBe(401);
  });

  it('refuses viewers', async () => {
    const response = await generate({ assetType: 'emote', prompt: 'x' }, studio.token('2004', 'viewer'));
    expect(response.status).toBe(403);
  });

  it('lets moderators generate only where the broadcaster allowed it', async () => {
    const moderator = studio.token('2005', 'moderator');
    expect((await generate({ assetType: 'emote', prompt: 'x' }, moderator)).status).toBe(403);
    await generate({ assetType: 'emote', prompt: 'x' }, studio.token('2005'));
    await setModeratorGenerate(studio.database.db, '2005', true);
    expect((await generate({ assetType: 'emote', prompt: 'x' }, moderator)).status).toBe(202);
  });
});
