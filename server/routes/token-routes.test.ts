import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

describe('API tokens', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const create = (channelId: string, body: unknown, role: 'broadcaster' | 'viewer' = 'broadcaster') =>
    studio.call('/api/v1/tokens', { token: studio.token(channelId, role), body });

  it('makes a token that works as the channel until it is revoked', async () => {
    const response = await create('7001', { name: 'OBS overlay', role: 'viewer' });
    expect(response.status).toBe(201);
    const made = (await response.json()) as { id: string; token: string; role: string };
    expect(made.token).toMatch(/^sst_/);
    expect(made.role).toBe('viewer');

    const gallery = await studio.call('/api/v1/assets', { token: made.token });
    expect(gallery.status).toBe(200);
    expect((await studio.call('/api/v1/jobs', { token: made.token })).status).toBe(403);

    const list = (await (await studio.call('/api/v1/tokens', { token: studio.token('7001') })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(list.items.map((t) => t.id)).toEqual([made.id]);
    expect(JSON.stringify(list)).not.toContain(made.token);

    const revoke = await studio.call(`/api/v1/tokens/${made.id}`, {
      token: studio.token('7001'),
      method: 'DELETE',
    });
    expect(revoke.status).toBe(200);
    expect((await studio.call('/api/v1/assets', { token: made.token })).status).toBe(401);
  });

  it('gives a broadcaster token the broadcaster’s rights on its own channel only', async () => {
    const { token } = (await (await create('7002', { name: 'script', role: 'broadcaster' })).json()) as {
      token: string;
    };
    const job = await studio.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: 'x' } });
    expect(job.status).toBe(202);
    expect(await job.json()).toMatchObject({ channelId: '7002' });
  });

  it('is the broadcaster’s to manage', async () => {
    expect((await create('7003', { name: 'x' }, 'viewer')).status).toBe(403);
    const { id } = (await (await create('7003', { name: 'x' })).json()) as { id: string };
    const other = await studio.call(`/api/v1/tokens/${id}`, {
      token: studio.token('7004'),
      method: 'DELETE',
    });
    expect(other.status).toBe(404);
  });

  it.each([[{}], [{ name: '' }], [{ name: 'x', role: 'moderator' }], [{ name: 'x', scope: 'all' }]])(
    'refuses %j with 400',
    async (body) => {
      const response = await create('7005', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    },
  );
});
