import { Agent, request } from 'node:http';

/**
 * The bench measures throughput, not the limits: they are raised so nothing is refused, and still
 * counted, so their cost shows in the figures.
 */
export const BENCH_LIMITS = {
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_GENERATES_PER_MINUTE: '10000',
  MAX_QUEUED_JOBS: '10000',
  MAX_EVENT_STREAMS: '10000',
  DAILY_GENERATION_BUDGET: '1000000',
};

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Keeps `concurrency` keep-alive GETs in flight against `url` for `durationMs`; latency per request. */
export async function runLoad(options: {
  url: string;
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request(options.url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** The asset types the pipeline benches cycle through: small icons to full-size images. */
export const BENCH_TYPES = ['emote', 'sub_badge', 'panel', 'alert', 'thumbnail'] as const;

/** Queues `count` jobs of mixed types through the API at once; resolves with their ids. */
export function queueJobs(baseUrl: string, token: string, count: number, label: string): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`${baseUrl}/api/v1/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ assetType: BENCH_TYPES[i % BENCH_TYPES.length], prompt: `${label} ${i}` }),
      })
        .then((r) => r.json() as Promise<{ id: string }>)
        .then((j) => j.id),
    ),
  );
}
