import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from './testing/test-studio.js';

describe('the app', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio();
  });
  afterAll(() => studio.close());

  it('generates an emote end to end: queued, completed, files at catalogue sizes, fetchable', async () => {
    const token = studio.token('1001');
    const response = await studio.call('/api/v1/generate', {
      token,
      body: { assetType: 'emote', prompt: 'a cat in sunglasses', visibility: 'public' },
    });
    expect(response.status).toBe(202);
    const job = (await response.json()) as { id: string; status: string };
    expect(job.status).toBe('queued');
    const done = await studio.settle('1001', job.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, retryCount: 0 });
    const assets = (await (await studio.call(`/api/v1/jobs/${job.id}/assets`, { token })).json()) as {
      items: { id: string; files: { width: number; height: number; url: string }[] }[];
    };
    expect(assets.items).toHaveLength(1);
    expect(assets.items[0]!.files.map((f) => `${f.width}x${f.height}`)).toEqual([
      '112x112',
      '56x56',
      '28x28',
    ]);
    const file = await studio.app.request(`/asset/${assets.items[0]!.id}?size=56x56`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
  });
});
