import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../testing/expect-api-error.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

interface AuditView {
  id: string;
  action: string;
  principal: string;
  role: string;
  via: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

describe('GET /api/v1/audit', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio();
  });
  afterAll(() => studio.close());

  const trail = async (channelId: string, query = '') => {
    const response = await studio.call(`/api/v1/audit${query}`, { token: studio.token(channelId) });
    expect(response.status).toBe(200);
    return (await response.json()) as { items: AuditView[]; nextCursor: string | null };
  };

  it('records every change with who made it, by extension and by API token, newest first', async () => {
    const channel = 'audit-1';
    const jwt = studio.token(channel);
    const minted = (await (
      await studio.call('/api/v1/tokens', { token: jwt, body: { name: 'script', role: 'broadcaster' } })
    ).json()) as { id: string; token: string };
    const script = minted.token;

    const job = (await (
      await studio.call('/api/v1/generate', { token: script, body: { assetType: 'emote', prompt: 'a bee' } })
    ).json()) as { id: string };
    await studio.settle(channel, job.id);
    const asset = await makeAsset(studio, channel, { visibility: 'private' });
    await studio.call(`/api/v1/assets/${asset.id}/visibility`, {
      token: script,
      method: 'PUT',
      body: { visibility: 'public' },
    });
    await studio.call(`/api/v1/assets/${asset.id}/visibility`, {
      token: jwt,
      method: 'PUT',
      body: { visibility: 'private' },
    });
    await studio.call(`/api/v1/assets/${asset.id}`, { token: jwt, method: 'DELETE' });
    const queued = (await (
      await studio.call('/api/v1/generate', { token: jwt, body: { assetType: 'emote', prompt: 'later' } })
    ).json()) as { id: string };
    await studio.call(`/api/v1/jobs/${queued.id}/cancel`, { token: jwt, method: 'POST' });
    const kit = (await (
      await studio.call('/api/v1/brand-kits', {
        token: script,
        body: { name: 'Kit', colors: { primary: '#111111', secondary: '#222222', accent: '#333333' } },
      })
    ).json()) as { id: string };
    await studio.call(`/api/v1/brand-kits/${kit.id}`, { token: jwt, method: 'PUT', body: { tone: 'calm' } });
    await studio.call(`/api/v1/brand-kits/${kit.id}`, { token: jwt, method: 'DELETE' });
    await studio.call('/api/v1/channel', {
      token: jwt,
      method: 'PUT',
      body: { allowModeratorGenerate: true },
    });
    await studio.call(`/api/v1/tokens/${minted.id}`, { token: jwt, method: 'DELETE' });

    const { items } = await trail(channel, '?limit=100');
    const lines = items.map((entry) => [entry.action, entry.via, entry.targetId]).reverse();
    expect(lines).toEqual([
      ['token.create', 'extension_jwt', minted.id],
      ['job.create', 'api_token', job.id],
      ['job.create', 'extension_jwt', asset.jobId],
      ['asset.publish', 'api_token', asset.id],
      ['asset.hide', 'extension_jwt', asset.id],
      ['asset.delete', 'extension_jwt', asset.id],
      ['job.create', 'extension_jwt', queued.id],
      ['job.cancel', 'extension_jwt', queued.id],
      ['brand_kit.create', 'api_token', kit.id],
      ['brand_kit.update', 'extension_jwt', kit.id],
      ['brand_kit.delete', 'extension_jwt', kit.id],
      ['channel.update', 'extension_jwt', channel],
      ['token.revoke', 'extension_jwt', minted.id],
    ]);
    expect(items.find((entry) => entry.via === 'api_token')).toMatchObject({
      principal: `token:${minted.id}`,
      role: 'broadcaster',
    });
    expect(items.find((entry) => entry.action === 'brand_kit.update')?.details).toEqual({ fields: ['tone'] });
    for (const entry of items) expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('keeps each channel’s trail to itself, pages it, and shows it to the broadcaster only', async () => {
    for (let i = 0; i < 3; i++)
      await studio.call('/api/v1/generate', {
        token: studio.token('audit-2'),
        body: { assetType: 'emote', prompt: `bee ${i}` },
      });
    expect((await trail('audit-3')).items).toEqual([]);
    const first = await trail('audit-2', '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await trail('audit-2', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    for (const role of ['moderator', 'viewer'] as const)
      await expectApiError(
        await studio.call('/api/v1/audit', { token: studio.token('audit-2', role) }),
        403,
        'FORBIDDEN',
      );
  });
});
