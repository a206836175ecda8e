import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../jobs/job.js';
import { getJob, listJobs } from '../jobs/job-store.js';
import { createLogger } from '../logging/logger.js';
import { GeminiImageProvider } from '../providers/gemini/index.js';
import { eventually } from '../testing/eventually.js';
import { FakeGeminiServer } from '../testing/fake-gemini-server.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

describe('rate limits across the process', () => {
  let studio: TestStudio | undefined;
  let fake: FakeGeminiServer | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await studio?.close();
    await fake?.close();
  });

  it('a burst of jobs against a small quota all complete, none spending a retry', async () => {
    // One stopped clock (fake Date) for the fake's quota window, its RetryInfo, the throttle's pause
    // and the job store; it moves only when this test moves it, so the timings below are exact.
    vi.useFakeTimers({ toFake: ['Date'] });
    const quota = { limit: 4, windowMs: 1000 };
    const jobs = 12;
    fake = await FakeGeminiServer.start({ quota, latencyMs: 20 });
    const provider = new GeminiImageProvider({
      apiKey: 'k',
      model: 'gemini-2.5-flash-image',
      baseUrl: fake.url,
      timeoutMs: 5000,
    });
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    studio = await createTestStudio({ provider, concurrency: 4, logger });
    const { db } = studio.database;
    const { throttle } = studio.worker;
    const token = studio.token('8001');
    for (let i = 0; i < jobs; i++) {
      await studio.call('/api/v1/generate', { token, body: { assetType: 'emote', prompt: `bee ${i}` } });
    }
    const ids = (await listJobs(db, '8001', { limit: 100 })).items.map((job) => job.id);
    const finals = await eventually(
      async () => {
        const current = (await Promise.all(ids.map((id) => getJob(db, '8001', id)))) as Job[];
        // Time passes only while the process waits for it with no request out (every 429 of a
        // burst answered): then it jumps to the end of the pause, or to a retry's run_at.
        const { pausedUntil, inFlight } = throttle.state();
        const due = [
          pausedUntil,
          ...current.filter((j) => j.status === 'queued').map((j) => j.runAt.getTime()),
        ];
        const next = Math.min(...due.filter((at) => at > Date.now()));
        if (inFlight === 0 && Number.isFinite(next)) vi.setSystemTime(next);
        for (const job of current) expect(['completed', 'failed', 'cancelled']).toContain(job.status);
        return current;
      },
      { timeoutMs: 20_000 },
    );

    expect(finals.map((job) => job.status)).toEqual(Array(jobs).fill('completed'));
    expect(finals.map((job) => job.retryCount)).toEqual(Array(jobs).fill(0));
    expect(fake.succeeded).toHaveLength(jobs);
    // It hit the quota and slowed the whole process down (the line logged at each slowdown).
    const rejected = fake.requests.filter((r) => r.status === 429);
    expect(rejected.length).toBeGreaterThan(0);
    const slowdowns = lines
      .map((line) => JSON.parse(line) as { msg: string; limit?: number })
      .filter((entry) => entry.msg === 'provider rate limited: slowing down');
    expect(slowdowns.length).toBeGreaterThan(0);
    expect(Math.min(...slowdowns.map((entry) => entry.limit!))).toBeLessThan(4);
    // Waiting out each pause, the process spends few requests on 429s: at most a burst per window.
    expect(rejected.length).toBeLessThanOrEqual((jobs / quota.limit) * 4);
    // Goodput: `limit` accepted at once and `limit` more as each window frees, so 12 take exactly
    // 2 windows: every pause ended when the quota freed, and none was longer.
    const first = Math.min(...fake.succeeded.map((r) => r.at));
    const accepted = fake.succeeded.map((r) => r.at - first).sort((a, b) => a - b);
    const windows = [0, 1, 2].flatMap((w) => Array(quota.limit).fill(w * quota.windowMs));
    expect(accepted).toEqual(windows);
  });
});
