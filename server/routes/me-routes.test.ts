import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can } from '../policy/index.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

type Me = { channelId: string; role: string; permissions: Record<string, boolean> };

describe('GET /api/v1/me', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const me = async (channelId: string, role: 'broadcaster' | 'moderator' | 'viewer') => {
    const response = await studio.call('/api/v1/me', { token: studio.token(channelId, role) });
    expect(response.status).toBe(200);
    return (await response.json()) as Me;
  };

  it('answers every action of the policy for a viewer, and only the public gallery is allowed', async () => {
    const body = await me('5001', 'viewer');
    expect(body).toMatchObject({ channelId: '5001', role: 'viewer' });
    expect(Object.keys(body.permissions).sort()).toEqual([...ACTIONS].sort());
    const allowed = Object.entries(body.permissions).filter(([, yes]) => yes);
    expect(allowed).toEqual([['asset.read_public', true]]);
  });

  it('lets a moderator generate only once the broadcaster allows it', async () => {
    expect((await me('5002', 'moderator')).permissions['job.create']).toBe(false);
    const put = await studio.call('/api/v1/channel', {
      method: 'PUT',
      token: studio.token('5002'),
      body: { allowModeratorGenerate: true },
    });
    expect(put.status).toBe(200);
    const after = await me('5002', 'moderator');
    expect(after.permissions['job.create']).toBe(true);
    expect(after.permissions['asset.delete']).toBe(false);
  });

  it('says what the policy table says for the broadcaster, action by action', async () => {
    const body = await me('5003', 'broadcaster');
    const caller = {
      channelId: '5003',
      role: 'broadcaster',
      userId: null,
      principal: 'x',
      via: 'extension_jwt',
    } as const;
    for (const action of ACTIONS) expect(body.permissions[action], action).toBe(can(caller, action));
  });

  it('refuses a caller without credentials', async () => {
    expect((await studio.call('/api/v1/me')).status).toBe(401);
  });
});
