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
