import { afterEach, describe, expect, it } from 'vitest';
import { listJobs } from '../jobs/job-store.js';
import { GeminiImageProvider } from '../providers/gemini/index.js';
import { FakeGeminiServer } from '../testing/fake-gemini-server.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

describe('rate limits across the process', () => {
  let studio: TestStudio | undefined;
  let fake: FakeGeminiServer | undefined;
  afterEach(async () => {
    await studio?.close();
    await fake?.close();
  });

  it('a burst of jobs against a small quota all complete, none spending a retry', async () => {
    const quota = { limit: 4, windowMs: 1000 };
    const jobs = 12;
    fake = await FakeGeminiServer.start({ quota, latencyMs: 20 });
    const provider = new GeminiImageProvider({
      apiKey: 'k',
      model: 'gemini-2.5-flash-image',
      baseUrl: fake.url,
      timeoutMs: 5000,
    });
    studio = await createTestStudio({ provider, concurrency: 4 });
    const limits: number[] = [];
    const watch = setInterval(() => limits.push(studio!.worker.throttle.state().limit), 10);
    const token = studio.token('8001');
    for (let i = 0; i < jobs; i++) {
      await studio.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: `bee ${i}` } });
    }
    const finals = [];
    for (const { id } of (await listJobs(studio.database.db, '8001', { limit: 100 })).items) {
      finals.push(await studio.settle('8001', id, 20_000));
    }
    clearInterval(watch);

    expect(finals.map((job) => job.status)).toEqual(Array(jobs).fill('completed'));
    expect(finals.map((job) => job.retryCount)).toEqual(Array(jobs).fill(0));
    expect(fake.succeeded).toHaveLength(jobs);
    // It hit the quota, slowed the whole process down, and came back up.
    const rejected = fake.requests.filter((r) => r.status === 429);
    expect(rejected.length).toBeGreaterThan(0);
    expect(Math.min(...limits)).toBeLessThan(4);
    // Waiting out each pause, the process spends few requests on 429s: at most a burst per window.
    expect(rejected.length).toBeLessThanOrEqual((jobs / quota.limit) * 4);
    // Goodput: the quota allows `limit` at once and `limit` more per window, so 12 need ≥ 2 windows.
    const accepted = fake.succeeded.map((r) => r.at);
    const span = Math.max(...accepted) - Math.min(...accepted);
    expect(span).toBeGreaterThanOrEqual(2 * quota.windowMs - 50);
    expect(span).toBeLessThan(2 * quota.windowMs + 1500);
  });
});
